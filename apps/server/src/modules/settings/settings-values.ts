import { SETTINGS_DEFAULTS, type Settings, settingsSchema } from './settings.dto';

/**
 * Settings from stored key/value rows: each key that is absent or no longer valid (a bound changed
 * since it was stored) takes its default, so one bad row never hides the others.
 */
export function settingsFromRows(rows: ReadonlyMap<string, unknown>): Settings {
  const result: Settings = { ...SETTINGS_DEFAULTS };
  for (const key of Object.keys(SETTINGS_DEFAULTS) as (keyof Settings)[]) {
    const parsed = settingsSchema.shape[key].safeParse(rows.get(key));
    if (parsed.success) result[key] = parsed.data;
  }
  return result;
}
