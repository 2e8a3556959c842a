import type { Role } from './roles';

/**
 * The decision for every API operation, checked in. The route authorisation matrix test
 * (route-authorisation.int-spec.ts) walks the OpenAPI document of the real application and fails
 * when an operation is missing here, when a row names an operation that no longer exists, or when
 * the route's behaviour does not match its row.
 *
 * Adding a route? Decorate it (@Public, @RequireRole or @OneTimeTokenRoute) AND add its row.
 * Only sign-in, first-run setup, health and one-time-token endpoints may be open.
 */
export type RouteDecision = Role | 'public' | `one-time-token:${string}`;

export const ROUTE_ACCESS: Readonly<Record<string, RouteDecision>> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/auth/setup': 'public',
  'POST /api/auth/setup': 'public',
  'POST /api/auth/logout': 'viewer',
  'GET /api/auth/me': 'viewer',
  'PUT /api/auth/password': 'viewer',

  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/{id}': 'admin',
  'DELETE /api/users/{id}': 'admin',
  'PUT /api/users/{id}/password': 'admin',

  'GET /api/tokens': 'viewer',
  'POST /api/tokens': 'viewer',
  'DELETE /api/tokens/{id}': 'viewer',

  'GET /api/audit': 'admin',
  'GET /api/audit/export': 'admin',

  'GET /api/events': 'viewer',

  'GET /api/settings': 'viewer',
  'PUT /api/settings': 'admin',

  'GET /api/registries': 'viewer',
  'POST /api/registries': 'admin',
  'POST /api/registries/test': 'admin',
  'GET /api/registries/{id}': 'viewer',
  'PATCH /api/registries/{id}': 'admin',
  'DELETE /api/registries/{id}': 'admin',
  'POST /api/registries/{id}/test': 'admin',
  // Writes registry secrets onto hosts.
  'POST /api/registries/{id}/push-to-hosts': 'admin',
  'POST /api/hosts/{id}/preflight': 'operator',

  'GET /api/images': 'viewer',
  'POST /api/images': 'operator',
  'GET /api/images/{id}': 'viewer',
  'PATCH /api/images/{id}': 'operator',
  'DELETE /api/images/{id}': 'operator',
  'GET /api/images/{id}/revisions': 'viewer',
  'POST /api/images/{id}/refresh': 'operator',
  'GET /api/images/{id}/revision-usage': 'viewer',

  'GET /api/hosts': 'viewer',
  'POST /api/hosts': 'operator',
  'POST /api/hosts/probe': 'operator',
  'POST /api/hosts/refresh': 'operator',
  'GET /api/hosts/{id}': 'viewer',
  'PATCH /api/hosts/{id}': 'operator',
  'DELETE /api/hosts/{id}': 'operator',
  'POST /api/hosts/{id}/refresh': 'operator',
  // Pinning the key a host presented is part of enrolling it (an operator's job).
  'POST /api/hosts/{id}/approve-host-key': 'operator',
  'GET /api/hosts/{id}/history': 'viewer',
  'GET /api/settings/fleet-key': 'viewer',

  'GET /api/jobs': 'viewer',
  'GET /api/jobs/{id}': 'viewer',
  'GET /api/jobs/{id}/log': 'viewer',
  'POST /api/images/{imageId}/revisions/{revisionId}/quarantine': 'operator',
  'DELETE /api/images/{imageId}/revisions/{revisionId}/quarantine': 'operator',

  'POST /api/hosts/import/preview': 'operator',
  'POST /api/hosts/import': 'operator',

  'GET /api/windows': 'viewer',
  'POST /api/windows': 'operator',
  'POST /api/windows/preview': 'viewer',
  'GET /api/windows/{id}': 'viewer',
  'PATCH /api/windows/{id}': 'operator',
  'DELETE /api/windows/{id}': 'operator',
  'GET /api/windows/{id}/hosts': 'viewer',
  'GET /api/hosts/{id}/windows': 'viewer',

  'GET /api/isos/base': 'viewer',
  'POST /api/isos/base': 'operator',
  'POST /api/isos/base/register': 'operator',
  'GET /api/isos/base/{id}': 'viewer',
  'DELETE /api/isos/base/{id}': 'operator',
  'GET /api/isos/templates': 'viewer',
  'POST /api/isos/templates': 'operator',
  'GET /api/isos/templates/{id}': 'viewer',
  'DELETE /api/isos/templates/{id}': 'operator',
  'POST /api/hosts/{id}/install-iso': 'operator',
  'POST /api/isos/hosts': 'operator',
  // The signed, 15-minute, single-host link in the path is the authorisation (see HostInstallsController.download).
  'GET /api/isos/download/{token}': 'public',
  'POST /api/isos/call-home': 'one-time-token:iso.call-home',

  'GET /api/rollouts': 'viewer',
  'POST /api/rollouts': 'operator',
  'POST /api/rollouts/preview': 'operator',
  'GET /api/rollouts/{id}': 'viewer',
  'POST /api/rollouts/{id}/start': 'operator',
  'POST /api/rollouts/{id}/pause': 'operator',
  'POST /api/rollouts/{id}/resume': 'operator',
  'POST /api/rollouts/{id}/approve-next-batch': 'operator',
  'POST /api/rollouts/{id}/cancel': 'operator',
  'POST /api/rollouts/{id}/retry-failed': 'operator',
  'GET /api/rollout-policies': 'viewer',
  'POST /api/rollout-policies': 'operator',
  'PATCH /api/rollout-policies/{id}': 'operator',
  'DELETE /api/rollout-policies/{id}': 'operator',
  'GET /api/hosts/{id}/actions/preview': 'viewer',
  'POST /api/hosts/{id}/actions/check-update': 'operator',
  'POST /api/hosts/{id}/actions/stage': 'operator',
  'POST /api/hosts/{id}/actions/upgrade': 'operator',
  'POST /api/hosts/{id}/actions/apply': 'operator',
  'POST /api/hosts/{id}/actions/rollback': 'operator',
  'POST /api/hosts/{id}/actions/reboot': 'operator',
  'POST /api/hosts/{id}/actions/refresh': 'operator',
  'POST /api/hosts/actions': 'operator',
};

/** Open without any credential: the issue allows sign-in, setup and health, nothing else. */
export const ALLOWED_PUBLIC_ROUTES: readonly string[] = [
  'GET /api/health',
  'POST /api/auth/login',
  'GET /api/auth/setup',
  'POST /api/auth/setup',
  // Install ISO downloads: browsers, curl and BMC virtual media cannot send a header, so the link
  // carries an HMAC-signed token (one host install, 15 minutes) that the handler verifies.
  'GET /api/isos/download/{token}',
];
