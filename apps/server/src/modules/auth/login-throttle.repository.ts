import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { ThrottleRule } from './login-throttle.policy';

/** Counters live in PostgreSQL so that every server process sees the same failures. */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly prisma: PrismaService) {}

  async locks(keys: readonly string[]): Promise<(Date | null)[]> {
    const rows = await this.prisma.loginThrottle.findMany({ where: { key: { in: [...keys] } }, select: { lockedUntil: true } });
    return rows.map((r) => r.lockedUntil);
  }

  /** Counts one failure atomically: a new window starts when the old one has passed. */
  async recordFailure(key: string, rule: ThrottleRule, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - rule.windowMs);
    const lockEnd = new Date(now.getTime() + rule.lockMs);
    await this.prisma.$executeRaw`
      INSERT INTO login_throttles (key, failures, window_started_at, locked_until)
      VALUES (${key}, 1, ${now}, CASE WHEN 1 >= ${rule.maxFailures} THEN ${lockEnd}::timestamp(3) ELSE NULL END)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttles.window_started_at < ${windowStart} THEN 1 ELSE login_throttles.failures + 1 END,
        window_started_at = CASE WHEN login_throttles.window_started_at < ${windowStart} THEN ${now} ELSE login_throttles.window_started_at END,
        locked_until = CASE
          WHEN (CASE WHEN login_throttles.window_started_at < ${windowStart} THEN 1 ELSE login_throttles.failures + 1 END) >= ${rule.maxFailures}
          THEN ${lockEnd}::timestamp(3)
          ELSE login_throttles.locked_until END`;
  }

  async clear(key: string): Promise<void> {
    await this.prisma.loginThrottle.deleteMany({ where: { key } });
  }
}
