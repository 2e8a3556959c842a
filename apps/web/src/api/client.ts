import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { csrfMiddleware } from '../features/auth/csrf';
import { toApiError } from './api-error';
import type { paths } from './schema';

export type ApiClient = Client<paths>;

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Every non-2xx response rejects with an ApiError, so callers (and TanStack Query) only see data or a throw. */
export const apiErrorMiddleware: Middleware = {
  async onResponse({ response }) {
    if (response.ok) return undefined;
    throw toApiError(response.status, response.statusText, await readBody(response.clone()));
  },
};

export interface ApiClientOptions {
  /** Empty in the browser (same origin as the dashboard); absolute in tests. */
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? '', ...(options.fetch ? { fetch: options.fetch } : {}) });
  client.use(csrfMiddleware, apiErrorMiddleware);
  return client;
}

/**
 * The documented success body of a call. Errors already threw in the middleware, so a missing body
 * here means the server answered 2xx without the content its OpenAPI document promises.
 */
export function requireData<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    throw toApiError(result.response.status, 'response has no body', undefined);
  }
  return result.data;
}
