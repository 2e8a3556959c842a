import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { merge, type Subscription } from 'rxjs';
import { csrfTokenFor } from '../../common/auth/csrf';
import type { Principal } from '../../common/auth/principal';
import { KeptReads } from '../../common/kept-reads';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { EventBus } from '../../infra/events/event-bus.service';
import { randomSecret, sha256Hex } from './secret-token';
import { SessionRepository, type SessionWithUser } from './session.repository';

// lastSeenAt is informative: writing it on every request would double the database load.
const TOUCH_INTERVAL_MS = 60_000;
/** Bounds the sessions kept in memory; when full, all are read again. */
const KEPT_SESSIONS = 10_000;

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

/**
 * Sessions: started at sign-in, resolved on every request. A resolved session is kept in memory (a database
 * statement, and a wait, less on every request) until sessions or users change: here at once (forget()), in every
 * process by a trigger's notification after commit (see the session_change_signal migration; a session's last-seen
 * time, written by touch(), signals nothing). While notifications cannot be heard, every request reads its session.
 */
@Injectable()
export class SessionService implements OnModuleInit, OnModuleDestroy {
  private readonly kept: KeptReads<SessionWithUser>;
  private subscription: Subscription | undefined;

  constructor(
    private readonly repository: SessionRepository,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.kept = new KeptReads(KEPT_SESSIONS, () => events.listening);
  }

  onModuleInit(): void {
    this.subscription = merge(this.events.tableChanges('sessions'), this.events.tableChanges('users')).subscribe(() => this.forget());
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** Drops the sessions kept in memory: after a change to sessions or users, each is read again. */
  forget(): void {
    this.kept.forget();
  }

  async start(userId: string, sourceAddress: string | undefined, now = new Date()): Promise<NewSession> {
    await this.repository.deleteExpired(now);
    const secret = randomSecret();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlMs);
    const session = await this.repository.create({ tokenHash: sha256Hex(secret), userId, expiresAt, sourceAddress });
    return { id: session.id, secret, csrfToken: csrfTokenFor(secret), expiresAt };
  }

  async resolve(secret: string, now = new Date()): Promise<ActiveSession | undefined> {
    const tokenHash = sha256Hex(secret);
    const session = await this.kept.get(tokenHash, () => this.repository.findByTokenHash(tokenHash));
    if (!session) return undefined;
    if (session.expiresAt <= now) {
      await this.end(session.id);
      return undefined;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.repository.touch(session.id, now);
      session.lastSeenAt = now;
    }
    const { user } = session;
    return {
      id: session.id,
      principal: { kind: 'user', id: user.id, name: user.username, role: user.role, userId: user.id },
      csrfToken: csrfTokenFor(secret),
    };
  }

  async end(sessionId: string): Promise<void> {
    await this.repository.deleteById(sessionId);
    this.forget();
  }

  /** Signs a user out everywhere (optionally except the current session). */
  async endAllFor(userId: string, exceptSessionId?: string): Promise<number> {
    const ended = await this.repository.deleteForUser(userId, exceptSessionId);
    this.forget();
    return ended;
  }
}
