import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { DomainError } from '../../common/domain-error';
import { decoyHash, verifyPassword } from '../users/password-hash';
import type { UserRecord } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { lockedUntil, SOURCE_RULE, sourceKey, USERNAME_RULE, usernameKey } from './login-throttle.policy';
import { LoginThrottleRepository } from './login-throttle.repository';
import { type NewSession, SessionService } from './session.service';

export interface SignedIn {
  user: UserRecord;
  session: NewSession;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleRepository,
  ) {}

  async login(username: string, password: string, source: string | undefined, now = new Date()): Promise<SignedIn> {
    const keys = [usernameKey(username), ...(source ? [sourceKey(source)] : [])];
    const until = lockedUntil(await this.throttle.locks(keys), now);
    if (until) {
      throw new DomainError('rate_limited', 'LOGIN_LOCKED', 'Too many failed sign-ins: try again later', {
        retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000),
      });
    }
    const user = await this.users.findByUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !ok) {
      await this.throttle.recordFailure(usernameKey(username), USERNAME_RULE, now);
      if (source) await this.throttle.recordFailure(sourceKey(source), SOURCE_RULE, now);
      // One answer for unknown users and wrong passwords.
      throw new DomainError('unauthenticated', 'LOGIN_FAILED', 'Wrong user name or password');
    }
    await this.throttle.clear(usernameKey(username));
    await this.users.recordLogin(user.id);
    return { user, session: await this.sessions.start(user.id, source, now) };
  }

  async setup(username: string, password: string, source: string | undefined): Promise<SignedIn> {
    const user = await this.users.createFirstAdmin(username, password);
    return { user, session: await this.sessions.start(user.id, source) };
  }

  async logout(sessionId: string | undefined): Promise<void> {
    if (sessionId) await this.sessions.end(sessionId);
  }

  /** Own password change: needs the current password; other sessions are signed out. */
  async changePassword(principal: Principal, sessionId: string | undefined, current: string, next: string): Promise<void> {
    if (principal.kind !== 'user') throw new DomainError('forbidden', 'USER_SESSION_REQUIRED', 'Passwords are changed from a signed-in session, not with an API token');
    const user = await this.users.get(principal.userId);
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw new DomainError('invalid', 'CURRENT_PASSWORD_WRONG', 'The current password is wrong');
    }
    if (current === next) throw new DomainError('invalid', 'PASSWORD_UNCHANGED', 'The new password must differ from the current one');
    await this.users.setPassword(user.id, next, sessionId);
  }
}
