import type { MaintenanceWindow, WindowCreate, WindowPreviewInput } from './use-windows';

/** The form as the operator types it: everything a string or flag until it is sent. */
export interface WindowFormValues {
  name: string;
  kind: MaintenanceWindow['kind'];
  cron: string;
  durationMinutes: string;
  timeZone: string;
  /** `datetime-local` values, in the browser's zone. */
  startsAt: string;
  endsAt: string;
  allHosts: boolean;
  /** "role=db, site=fra" */
  labels: string;
  /** "prod, staging" */
  groups: string;
  enabled: boolean;
  note: string;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` value in the browser's zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (browser zone) as ISO 8601 with an offset, as the API requires; '' when empty or invalid. */
export function fromLocalInput(value: string): string {
  const d = new Date(value);
  return value === '' || Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

export function initialValues(window?: MaintenanceWindow): WindowFormValues {
  return {
    name: window?.name ?? '',
    kind: window?.kind ?? 'recurring',
    cron: window?.cron ?? '0 2 * * 0',
    durationMinutes: String(window?.durationMinutes ?? 180),
    timeZone: window?.kind === 'recurring' ? (window.timeZone ?? browserTimeZone()) : browserTimeZone(),
    startsAt: toLocalInput(window?.startsAt ?? null),
    endsAt: toLocalInput(window?.endsAt ?? null),
    allHosts: window?.selector.allHosts ?? false,
    labels: Object.entries(window?.selector.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', '),
    groups: (window?.selector.groups ?? []).join(', '),
    enabled: window?.enabled ?? true,
    note: window?.note ?? '',
  };
}

const list = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** "role=db, site=fra" as labels; a part without "=" becomes a key with an empty value, for the API to match as such. */
export function parseLabels(text: string): Record<string, string> {
  return Object.fromEntries(list(text).map((part) => {
    const at = part.indexOf('=');
    return at === -1 ? [part, ''] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
  }));
}

/** The schedule and selector part, which the live preview sends. Nothing is checked here: the server says what is wrong. */
export function previewBody(v: WindowFormValues): WindowPreviewInput {
  const selector = v.allHosts ? { allHosts: true } : { labels: parseLabels(v.labels), groups: list(v.groups) };
  if (v.kind === 'one-off') {
    return { kind: 'one-off', startsAt: fromLocalInput(v.startsAt), endsAt: fromLocalInput(v.endsAt), timeZone: v.timeZone, selector };
  }
  const minutes = v.durationMinutes.trim() === '' ? Number.NaN : Number(v.durationMinutes);
  return { kind: 'recurring', cron: v.cron, durationMinutes: Number.isNaN(minutes) ? -1 : minutes, timeZone: v.timeZone, selector };
}

export function createBody(v: WindowFormValues): WindowCreate {
  return { ...previewBody(v), name: v.name, enabled: v.enabled, note: v.note.trim() === '' ? null : v.note };
}

/** "in 3 h", "in 2 days", "open now"... relative to `now`. */
export function relativeTo(start: Date, end: Date, now: Date): string {
  if (start.getTime() <= now.getTime() && now.getTime() < end.getTime()) return 'open now';
  const minutes = Math.round((start.getTime() - now.getTime()) / 60_000);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  if (Math.abs(minutes) < 48 * 60) return format.format(Math.round(minutes / 60), 'hour');
  return format.format(Math.round(minutes / (24 * 60)), 'day');
}

/** An instant in a zone, e.g. "Sun, Mar 2, 02:00 CET". */
export function formatInZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' }).format(new Date(iso));
}
