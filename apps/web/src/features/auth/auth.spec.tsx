import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminMe, healthyBody, healthyFetch, jsonResponse, renderApp } from '../../test/render-app';
import { csrfMiddleware, readCookie } from './csrf';
import { safeNext } from './safe-next';

const unauthenticated = () => jsonResponse(401, { code: 'UNAUTHENTICATED', message: 'Sign in', details: {} });

describe('sign-in', () => {
  it('sends a signed-out visitor to the sign-in page, then back where they were going', async () => {
    const user = userEvent.setup();
    const posted: unknown[] = [];
    let signedIn = false;
    const { router } = renderApp({
      path: '/registries',
      me: null,
      fetch: async (request) => {
        const path = new URL(request.url).pathname;
        if (path === '/api/auth/setup') return jsonResponse(200, { needed: false });
        if (path === '/api/auth/login') {
          posted.push(await request.json());
          signedIn = true;
          return jsonResponse(200, adminMe);
        }
        if (path === '/api/auth/me') return signedIn ? jsonResponse(200, adminMe) : unauthenticated();
        if (path === '/api/health') return jsonResponse(200, healthyBody);
        return jsonResponse(200, []);
      },
    });
    expect(await screen.findByRole('heading', { name: /Sign in to bootfleet/ })).toBeTruthy();
    expect(router.state.location.search).toBe('?next=%2Fregistries');
    await user.type(screen.getByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'the password!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/registries'));
    expect(posted).toEqual([{ username: 'admin', password: 'the password!' }]);
    expect((await screen.findByLabelText('Signed in as')).textContent).toContain('admin');
  });

  it('explains a lockout', async () => {
    const user = userEvent.setup();
    renderApp({
      path: '/login',
      me: null,
      fetch: async (request) => {
        const path = new URL(request.url).pathname;
        if (path === '/api/auth/setup') return jsonResponse(200, { needed: false });
        return jsonResponse(429, { code: 'LOGIN_LOCKED', message: 'Too many', details: { retryAfterSeconds: 600 } });
      },
    });
    await user.type(await screen.findByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'x');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Try again in 10 minute/);
  });

  it('goes to first-run setup while no user exists', async () => {
    const { router } = renderApp({
      path: '/fleet',
      me: null,
      fetch: async (request) => (new URL(request.url).pathname === '/api/auth/setup' ? jsonResponse(200, { needed: true }) : unauthenticated()),
    });
    expect(await screen.findByRole('heading', { name: /Set up bootfleet/ })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/setup');
  });

  it('signs out from the top bar', async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    const { router } = renderApp({
      fetch: async (request) => {
        const path = new URL(request.url).pathname;
        calls.push(`${request.method} ${path}`);
        if (path === '/api/auth/logout') return new Response(null, { status: 204 });
        if (path === '/api/auth/setup') return jsonResponse(200, { needed: false });
        return healthyFetch(request);
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(calls).toContain('POST /api/auth/logout');
  });
});

describe('auth helpers', () => {
  it('only follow sign-in redirects within the dashboard', () => {
    expect(safeNext('/registries?x=1')).toBe('/registries?x=1');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/login')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });

  it('read the CSRF cookie and echo it on changes only', async () => {
    expect(readCookie('a=1; bootfleet_csrf=abc%3D; b=2', 'bootfleet_csrf')).toBe('abc=');
    document.cookie = 'bootfleet_csrf=tok123';
    const onRequest = csrfMiddleware.onRequest!;
    const post = new Request('http://x/api/users', { method: 'POST' });
    const get = new Request('http://x/api/users');
    const call = (request: Request) => onRequest({ request } as Parameters<typeof onRequest>[0]);
    expect(((await call(post)) as Request).headers.get('x-csrf-token')).toBe('tok123');
    expect(await call(get)).toBeUndefined();
  });
});
