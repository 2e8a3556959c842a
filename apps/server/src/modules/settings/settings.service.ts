import { Injectable } from '@nestjs/common';
import { EventBus } from '../../infra/events/event-bus.service';
import { settingsFromRows } from './settings-values';
import type { Settings } from './settings.dto';
import { SettingsRepository } from './settings.repository';

/** Fleet-wide settings; other modules read them through get(). */
@Injectable()
export class SettingsService {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly events: EventBus,
  ) {}

  async get(): Promise<Settings> {
    return settingsFromRows(await this.repository.readAll());
  }

  async update(changes: Partial<Settings>): Promise<Settings> {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Record<string, number>;
    await this.repository.writeAll(defined);
    const settings = await this.get();
    await this.events.publish('settings.updated', { keys: Object.keys(defined) });
    return settings;
  }
}
