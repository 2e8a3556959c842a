import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest, OneTimeGrant, Principal } from './principal';
import type { Role } from './roles';

const ACCESS = 'bootfleet:access';

/**
 * How a route may be reached. Every route states exactly one; a route with none is refused
 * (deny by default) and fails the route authorisation matrix test.
 */
export type RouteAccess = { kind: 'public' } | { kind: 'role'; role: Role } | { kind: 'one-time-token'; purpose: string };

/** Reachable without credentials (login, health, first-run setup). */
export const Public = () => SetMetadata(ACCESS, { kind: 'public' } satisfies RouteAccess);

/** Needs a session or API token whose role is at least `role`. */
export const RequireRole = (role: Role) => SetMetadata(ACCESS, { kind: 'role', role } satisfies RouteAccess);

/**
 * Reachable only with a one-time token (`Authorization: Bearer <token>`) accepted by the verifier
 * registered for `purpose` in OneTimeTokenVerifiers (see modules/auth/README.md).
 */
export const OneTimeTokenRoute = (purpose: string) => SetMetadata(ACCESS, { kind: 'one-time-token', purpose } satisfies RouteAccess);

/** The decision on a handler wins over one on its controller. */
export function routeAccess(reflector: Reflector, context: Pick<ExecutionContext, 'getHandler' | 'getClass'>): RouteAccess | undefined {
  return reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  // The guard guarantees a principal on role routes; reaching here without one is a wiring error.
  if (!principal) throw new Error('@CurrentPrincipal() used on a route without a role requirement');
  return principal;
});

export const CurrentGrant = createParamDecorator((_: unknown, ctx: ExecutionContext): OneTimeGrant => {
  const grant = ctx.switchToHttp().getRequest<AuthenticatedRequest>().oneTimeGrant;
  if (!grant) throw new Error('@CurrentGrant() used on a route without @OneTimeTokenRoute()');
  return grant;
});
