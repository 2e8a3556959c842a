import { Inject, Injectable } from '@nestjs/common';
import { csrfTokenFor } from '../../common/auth/csrf';
import type { Principal } from '../../common/auth/principal';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { randomSecret, sha256Hex } from './secret-token';
import { SessionRepository } from './session.repository';

// lastSeenAt is informative: writing it on every request would double the database load.
const TOUCH_INTERVAL_MS = 60_000;

export interface NewSession {
  id: string;
  /** The cookie value; only its hash is stored. */
  secret: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  id: string;
  principal: Principal;
  csrfToken: string;
}

@Injectable()
export class SessionService {
  constructor(
    private readonly repository: SessionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(userId: string, sourceAddress: string | undefined, now = new Date()): Promise<NewSession> {
    await this.repository.deleteExpired(now);
    const secret = randomSecret();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlMs);
    const session = await this.repository.create({ tokenHash: sha256Hex(secret), userId, expiresAt, sourceAddress });
    return { id: session.id, secret, csrfToken: csrfTokenFor(secret), expiresAt };
  }

  async resolve(secret: string, now = new Date()): Promise<ActiveSession | undefined> {
    const session = await this.repository.findByTokenHash(sha256Hex(secret));
    if (!session) return undefined;
    if (session.expiresAt <= now) {
      await this.repository.deleteById(session.id);
      return undefined;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await this.repository.touch(session.id, now);
    const { user } = session;
    return {
      id: session.id,
      principal: { kind: 'user', id: user.id, name: user.username, role: user.role, userId: user.id },
      csrfToken: csrfTokenFor(secret),
    };
  }

  async end(sessionId: string): Promise<void> {
    await this.repository.deleteById(sessionId);
  }

  /** Signs a user out everywhere (optionally except the current session). */
  async endAllFor(userId: string, exceptSessionId?: string): Promise<number> {
    return this.repository.deleteForUser(userId, exceptSessionId);
  }
}
