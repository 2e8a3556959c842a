import { describe, expect, it } from 'vitest';
import { settingsFromRows } from './settings-values';
import { SETTINGS_DEFAULTS, SettingsUpdateDto } from './settings.dto';

describe('settingsFromRows', () => {
  it('gives the defaults when nothing is stored', () => {
    expect(settingsFromRows(new Map())).toEqual(SETTINGS_DEFAULTS);
  });

  it('takes stored values and ignores unknown keys', () => {
    const rows = new Map<string, unknown>([['imagePollIntervalSeconds', 900], ['somethingElse', 1]]);
    expect(settingsFromRows(rows)).toEqual({ refreshIntervalSeconds: 300, imagePollIntervalSeconds: 900, rebootMinRemainingMinutes: 15 });
  });

  it('falls back to the default for a value that is no longer valid', () => {
    const rows = new Map<string, unknown>([['refreshIntervalSeconds', 5], ['imagePollIntervalSeconds', '600']]);
    expect(settingsFromRows(rows)).toEqual(SETTINGS_DEFAULTS);
  });
});

describe('SettingsUpdateDto', () => {
  it('accepts a partial update within bounds and refuses out-of-range or fractional values', () => {
    expect(SettingsUpdateDto.schema.safeParse({ imagePollIntervalSeconds: 120 }).success).toBe(true);
    expect(SettingsUpdateDto.schema.safeParse({ imagePollIntervalSeconds: 59 }).success).toBe(false);
    expect(SettingsUpdateDto.schema.safeParse({ refreshIntervalSeconds: 30.5 }).success).toBe(false);
    expect(SettingsUpdateDto.schema.safeParse({ refreshIntervalSeconds: 86_401 }).success).toBe(false);
    expect(SettingsUpdateDto.schema.safeParse({ rebootMinRemainingMinutes: 30 }).success).toBe(true);
    expect(SettingsUpdateDto.schema.safeParse({ rebootMinRemainingMinutes: 0 }).success).toBe(false);
  });
});
