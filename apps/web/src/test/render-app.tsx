import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createApiClient } from '../api';
import { AppProviders } from '../app/providers';
import { appRoutes } from '../app/router';

/** Node's fetch and Request need absolute URLs; the browser app uses relative ones. */
export const TEST_BASE_URL = 'http://bootfleet.test';

export type FakeFetch = (request: Request) => Promise<Response>;

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export const healthyBody = {
  status: 'ok',
  version: '0.1.0',
  uptimeSeconds: 12,
  database: { up: true, latencyMs: 1.5, error: null },
} as const;

/** A fetch that answers the health check as a healthy server does and 404s everything else. */
export const healthyFetch: FakeFetch = async (request) =>
  new URL(request.url).pathname === '/api/health'
    ? jsonResponse(200, healthyBody)
    : jsonResponse(404, { code: 'NOT_FOUND', message: `no fake for ${request.url}`, details: {} });

/** Who the fake server says is signed in: an admin unless a test says otherwise; with null, `fetch` answers /api/auth/me itself. */
export const adminMe = { kind: 'user', id: '00000000-0000-4000-8000-000000000001', name: 'admin', role: 'admin', csrfToken: 'csrf' } as const;

function withSession(fetch: FakeFetch, me: object | null): FakeFetch {
  return async (request) => (me && new URL(request.url).pathname === '/api/auth/me' ? jsonResponse(200, me) : fetch(request));
}

/** Renders the whole app at `path` over a fake API, as main.tsx does over the real one. */
export function renderApp({ path = '/', fetch = healthyFetch, me = adminMe }: { path?: string; fetch?: FakeFetch; me?: object | null } = {}) {
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // Signed in from the first render, as after a real sign-in (the layout appears at once).
  if (me) queryClient.setQueryData(['auth', 'me'], me);
  const view = render(
    <AppProviders apiClient={createApiClient({ baseUrl: TEST_BASE_URL, fetch: withSession(fetch, me) })} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queryClient };
}
