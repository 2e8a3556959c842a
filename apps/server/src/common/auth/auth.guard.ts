import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../domain-error';
import { routeAccess } from './auth.decorators';
import { bearerToken } from './bearer';
import { AccessAudit } from './access-audit';
import { CredentialResolver } from './credential-resolver';
import { CSRF_HEADER, csrfHeaderMatches, SAFE_METHODS } from './csrf';
import { OneTimeTokenVerifiers } from './one-time-token-verifiers';
import type { AuthenticatedRequest } from './principal';
import { roleAtLeast } from './roles';

/**
 * The one gate in front of every route (registered as APP_GUARD). Denies by default: a route must
 * say @Public(), @RequireRole(...) or @OneTimeTokenRoute(...).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialResolver,
    private readonly oneTimeTokens: OneTimeTokenVerifiers,
    private readonly accessAudit: AccessAudit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await this.decide(context);
    } catch (err) {
      if (err instanceof DomainError) await this.accessAudit.denied(context, err.code);
      throw err;
    }
  }

  private async decide(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const access = routeAccess(this.reflector, context);

    if (access?.kind === 'one-time-token') {
      // Only the one-time token opens these routes: sessions and API tokens are not accepted.
      const token = bearerToken(req);
      const grant = token ? await this.oneTimeTokens.verify(access.purpose, token, req) : undefined;
      if (!grant) throw new DomainError('unauthenticated', 'ONE_TIME_TOKEN_INVALID', 'This call needs a valid, unused one-time token');
      req.oneTimeGrant = grant;
      return true;
    }

    // Credentials on an open route are ignored: a stale cookie must not break login or health probes.
    if (access?.kind === 'public') return true;
    const resolved = await this.credentials.resolve(req);
    if (resolved) {
      req.principal = resolved.principal;
      req.authenticatedVia = resolved.via;
      req.sessionId = resolved.sessionId;
      req.csrfToken = resolved.csrfToken;
    }
    if (!resolved) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Sign in or send an API token');

    if (resolved.via === 'session' && !SAFE_METHODS.has(req.method) && !csrfHeaderMatches(req.headers[CSRF_HEADER], resolved.csrfToken ?? '')) {
      throw new DomainError('forbidden', 'CSRF_TOKEN_INVALID', 'Missing or wrong X-CSRF-Token header');
    }
    if (!access) {
      this.logger.error(`${req.method} ${req.route?.path ?? req.path} has no access decision (@Public, @RequireRole or @OneTimeTokenRoute): refused`);
      throw new DomainError('forbidden', 'ROUTE_NOT_AUTHORISED', 'This route has no access rule and is refused');
    }
    if (!roleAtLeast(resolved.principal.role, access.role)) {
      throw new DomainError('forbidden', 'ROLE_TOO_LOW', `This needs the ${access.role} role`, { required: access.role, role: resolved.principal.role });
    }
    return true;
  }
}
