import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import type { HealthResponseDto } from './health.dto';
import { HealthRepository } from './health.repository';

const DB_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(
    private readonly repository: HealthRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(): Promise<HealthResponseDto> {
    const t0 = performance.now();
    let database: HealthResponseDto['database'];
    try {
      await Promise.race([
        this.repository.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), DB_TIMEOUT_MS).unref()),
      ]);
      database = { up: true, latencyMs: Math.round((performance.now() - t0) * 10) / 10, error: null };
    } catch (err) {
      database = { up: false, latencyMs: null, error: (err as Error).message.split('\n')[0] ?? 'unreachable' };
    }
    return {
      status: database.up ? 'ok' : 'degraded',
      version: this.config.version,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      database,
    };
  }
}
