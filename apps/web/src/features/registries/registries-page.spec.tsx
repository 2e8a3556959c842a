import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { healthyBody, jsonResponse, renderApp } from '../../test/render-app';
import type { Registry } from './use-registries';

const registry: Registry = {
  id: '0b6c1a52-8f3e-4c55-9d2a-3f6f4c3b2a10',
  name: 'quay',
  url: 'https://quay.io',
  host: 'quay.io',
  insecure: false,
  caPem: null,
  credentials: { kind: 'basic', username: 'robot', hasSecret: true },
  lastTest: { at: '2026-11-22T10:00:00.000Z', ok: false, latencyMs: 40, error: { code: 'REGISTRY_AUTH_FAILED', message: 'credentials refused' } },
  imageCount: 2,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

function fakeApi(onPost: (path: string, body: unknown) => Response) {
  const posted: { path: string; body: unknown }[] = [];
  const fetch = async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/health') return jsonResponse(200, healthyBody);
    if (request.method === 'GET' && path === '/api/registries') return jsonResponse(200, [registry]);
    if (request.method === 'POST') {
      const body: unknown = await request.json();
      posted.push({ path, body });
      return onPost(path, body);
    }
    return jsonResponse(404, { code: 'NOT_FOUND', message: path, details: {} });
  };
  return { fetch, posted };
}

describe('registries page', () => {
  it('lists registries with auth, TLS and the last test result', async () => {
    renderApp({ path: '/registries', fetch: fakeApi(() => jsonResponse(500, {})).fetch });
    const row = (await screen.findByText('quay')).closest('tr');
    if (!row) throw new Error('no row');
    expect(within(row).getByText('user robot')).toBeTruthy();
    expect(within(row).getByText('verified')).toBeTruthy();
    expect(within(row).getByText('Credentials refused')).toBeTruthy();
  });

  it('shows the API validation error next to the field and keeps the dialog open', async () => {
    const user = userEvent.setup();
    const api = fakeApi(() =>
      jsonResponse(400, { code: 'VALIDATION_FAILED', message: 'Invalid request', details: { issues: [{ path: 'url', message: 'must start with https:// or http://', code: 'custom' }] } }),
    );
    renderApp({ path: '/registries', fetch: api.fetch });
    await user.click(await screen.findByRole('button', { name: 'Add registry' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add registry' }));
    await user.type(dialog.getByLabelText('Name'), 'local');
    await user.type(dialog.getByLabelText('URL'), 'ftp://x');
    await user.click(dialog.getByRole('button', { name: 'Add registry' }));
    expect(await dialog.findByText('must start with https:// or http://')).toBeTruthy();
    expect(api.posted).toEqual([{ path: '/api/registries', body: { name: 'local', url: 'ftp://x', insecure: false, caPem: null, credentials: { kind: 'none' } } }]);
  });

  it('tests the unsaved form and shows the coded result without saving', async () => {
    const user = userEvent.setup();
    const api = fakeApi((path) =>
      path === '/api/registries/test' ? jsonResponse(200, { ok: false, latencyMs: 3, error: { code: 'REGISTRY_TLS_FAILED', message: 'self-signed certificate' } }) : jsonResponse(500, {}),
    );
    renderApp({ path: '/registries', fetch: api.fetch });
    await user.click(await screen.findByRole('button', { name: 'Add registry' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add registry' }));
    await user.type(dialog.getByLabelText('URL'), 'https://127.0.0.1:5000');
    await user.selectOptions(dialog.getByLabelText('Credentials'), 'token');
    await user.type(dialog.getByLabelText('Token'), 't0k3n');
    await user.click(dialog.getByRole('button', { name: 'Test connection' }));
    expect(await dialog.findByText(/TLS failed: self-signed certificate \(REGISTRY_TLS_FAILED\)/)).toBeTruthy();
    expect(api.posted).toEqual([
      { path: '/api/registries/test', body: { url: 'https://127.0.0.1:5000', insecure: false, caPem: null, credentials: { kind: 'token', token: 't0k3n' } } },
    ]);
  });
});
