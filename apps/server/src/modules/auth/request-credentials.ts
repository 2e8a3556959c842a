import { Injectable } from '@nestjs/common';
import { bearerToken } from '../../common/auth/bearer';
import { CredentialResolver, type ResolvedCredentials } from '../../common/auth/credential-resolver';
import type { AuthenticatedRequest } from '../../common/auth/principal';
import { DomainError } from '../../common/domain-error';
import { TokensService } from '../tokens/tokens.service';
import { SESSION_COOKIE } from './session-cookies';
import { SessionService } from './session.service';

/** A bearer token wins over a cookie: automation never relies on ambient browser credentials. */
@Injectable()
export class RequestCredentials extends CredentialResolver {
  constructor(
    private readonly tokens: TokensService,
    private readonly sessions: SessionService,
  ) {
    super();
  }

  async resolve(req: AuthenticatedRequest): Promise<ResolvedCredentials | undefined> {
    if (req.headers.authorization !== undefined) {
      const token = bearerToken(req);
      const principal = token ? await this.tokens.authenticate(token) : undefined;
      if (!principal) throw new DomainError('unauthenticated', 'TOKEN_INVALID', 'The API token is unknown, revoked or expired');
      return { principal, via: 'bearer' };
    }
    const secret = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    if (typeof secret !== 'string' || secret === '') return undefined;
    const session = await this.sessions.resolve(secret);
    if (!session) throw new DomainError('unauthenticated', 'SESSION_EXPIRED', 'The session has ended: sign in again');
    return { principal: session.principal, via: 'session', csrfToken: session.csrfToken, sessionId: session.id };
  }
}
