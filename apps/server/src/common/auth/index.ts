export { CurrentGrant, CurrentPrincipal, OneTimeTokenRoute, Public, RequireRole, routeAccess, type RouteAccess } from './auth.decorators';
export { OneTimeTokenVerifiers, type OneTimeTokenVerifier } from './one-time-token-verifiers';
export type { AuthenticatedRequest, OneTimeGrant, Principal } from './principal';
export { ROLES, roleAtLeast, type Role } from './roles';
