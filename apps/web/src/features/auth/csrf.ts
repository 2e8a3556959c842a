import type { Middleware } from 'openapi-fetch';

export const CSRF_COOKIE = 'bootfleet_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * The server wants the session's CSRF token (which it also put in a readable cookie) echoed in a
 * header on every change made with the session cookie.
 */
export const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (SAFE_METHODS.has(request.method) || typeof document === 'undefined') return undefined;
    const token = readCookie(document.cookie, CSRF_COOKIE);
    if (token) request.headers.set('x-csrf-token', token);
    return request;
  },
};
