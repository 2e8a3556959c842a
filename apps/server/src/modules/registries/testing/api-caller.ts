export interface ApiAnswer {
  status: number;
  body: unknown;
}

export type ApiCall = (method: string, path: string, body?: unknown) => Promise<ApiAnswer>;

/** A tiny JSON client for integration tests against a listening app. */
export function apiCaller(base: string, headers: Record<string, string> = {}): ApiCall {
  return async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
}
