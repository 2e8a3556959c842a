import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const seconds = (min: number, max: number) => z.number().int().min(min).max(max);

export const settingsSchema = z.object({
  /** How often each host's bootc status is refreshed over SSH. */
  refreshIntervalSeconds: seconds(30, 86_400).describe('Host status refresh interval (seconds)'),
  /** How often a tracked image's tag is resolved again, unless the image sets its own interval. */
  imagePollIntervalSeconds: seconds(60, 7 * 86_400).describe('Default image poll interval (seconds)'),
  /** A reboot starts only inside a maintenance window with at least this long left; windows must be at least this long. */
  rebootMinRemainingMinutes: z.number().int().min(1).max(24 * 60).describe('Minimum time left in a maintenance window to start a reboot (minutes)'),
});

export type Settings = z.infer<typeof settingsSchema>;

export const SETTINGS_DEFAULTS: Settings = { refreshIntervalSeconds: 300, imagePollIntervalSeconds: 300, rebootMinRemainingMinutes: 15 };

export class SettingsResponseDto extends createZodDto(settingsSchema) {}
export class SettingsUpdateDto extends createZodDto(settingsSchema.partial()) {}
