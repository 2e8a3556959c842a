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

/** Renders the whole app at `path` over a fake API, as main.tsx does over the real one. */
export function renderApp({ path = '/', fetch = healthyFetch }: { path?: string; fetch?: FakeFetch } = {}) {
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <AppProviders apiClient={createApiClient({ baseUrl: TEST_BASE_URL, fetch })} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queryClient };
}
