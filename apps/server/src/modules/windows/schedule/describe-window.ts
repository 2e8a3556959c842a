import cronstrue from 'cronstrue/i18n';
import type { WindowSpec } from './window-spec';

/**
 * A human description: cronstrue's text for the cron with the zone and duration, e.g.
 * "At 02:00, only on Sunday (Europe/Berlin), for 3 hours"; a one-off reads "Once, from ... to ...".
 * The connecting words are English for 'en'; other locales get cronstrue's translation, localised
 * dates and durations, and neutral punctuation instead. One-off instants are shown in
 * `displayTimeZone` (they carry no zone of their own).
 */
export function describeWindow(spec: WindowSpec, locale = 'en', displayTimeZone = 'UTC'): string {
  const english = locale.toLowerCase().startsWith('en');
  if (spec.kind === 'one-off') {
    const format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: displayTimeZone,
    });
    const [from, to] = [format.format(spec.startsAt), format.format(spec.endsAt)];
    return english ? `Once, from ${from} to ${to} (${displayTimeZone})` : `${from} – ${to} (${displayTimeZone})`;
  }
  const schedule = cronstrue.toString(spec.cron, { locale: cronstrueLocale(locale), use24HourTimeFormat: true });
  const duration = formatDuration(spec.durationMinutes, locale);
  return english ? `${schedule} (${spec.timeZone}), for ${duration}` : `${schedule} (${spec.timeZone}), ${duration}`;
}

// cronstrue names locales like "de" or "pt_BR" and warns on the console for unknown ones.
function cronstrueLocale(locale: string): string {
  return locale.replace('-', '_');
}

function formatDuration(totalMinutes: number, locale: string): string {
  const days = Math.floor(totalMinutes / (24 * 60));
  const hours = Math.floor((totalMinutes % (24 * 60)) / 60);
  const minutes = totalMinutes % 60;
  const parts = ([['day', days], ['hour', hours], ['minute', minutes]] as const)
    .filter(([, amount]) => amount > 0)
    .map(([unit, amount]) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount));
  return new Intl.ListFormat(locale, { style: 'long', type: 'unit' }).format(parts);
}
