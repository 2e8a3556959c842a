import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { healthyBody, jsonResponse, renderApp } from '../../test/render-app';
import type { HostSummary } from '../fleet/use-hosts';
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

// Only what the push dialog's host picker reads.
function host(i: number, extra: Partial<HostSummary> = {}): HostSummary {
  return {
    id: `00000000-0000-4000-8000-00000000000${i}`,
    name: `sim-00${i}`,
    status: 'online',
    labels: { env: 'prod' },
    group: 'berlin',
    booted: { image: '127.0.0.1:5000/fleet/os:stable', digest: null, version: '1.0', timestamp: null },
    presentedFingerprint: null,
    ...extra,
  } as HostSummary;
}

function fakeApi(onPost: (path: string, body: unknown) => Response, { registries = [registry], hosts = [] as HostSummary[] } = {}) {
  const posted: { path: string; body: unknown }[] = [];
  const hostQueries: URLSearchParams[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === '/api/health') return jsonResponse(200, healthyBody);
    if (request.method === 'GET' && path === '/api/registries') return jsonResponse(200, registries);
    if (request.method === 'GET' && path === '/api/images') return jsonResponse(200, []);
    if (request.method === 'GET' && path === '/api/hosts') {
      hostQueries.push(url.searchParams);
      return jsonResponse(200, { items: hosts, total: hosts.length, page: 1, pageSize: 500 });
    }
    if (request.method === 'POST') {
      const body: unknown = await request.json();
      posted.push({ path, body });
      return onPost(path, body);
    }
    return jsonResponse(404, { code: 'NOT_FOUND', message: path, details: {} });
  };
  return { fetch, posted, hostQueries };
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

  it('pushes credentials to hosts picked with the fleet filters and lists each host with its result and error code', async () => {
    const user = userEvent.setup();
    const api = fakeApi(
      (path, body) =>
        path === `/api/registries/${registry.id}/push-to-hosts`
          ? jsonResponse(200, {
              results: (body as { hostIds: string[] }).hostIds.map((hostId, i) => ({
                hostId,
                name: `sim-00${i + 1}`,
                ok: i === 0,
                error: i === 0 ? null : { code: 'CONNECT_TIMEOUT', message: 'sim-002 did not answer in 10000 ms' },
              })),
            })
          : jsonResponse(500, {}),
      { hosts: [host(1), host(2), host(3, { status: 'pending' })] },
    );
    renderApp({ path: '/registries', fetch: api.fetch });
    await user.click(await screen.findByRole('button', { name: 'Push credentials of quay to hosts' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Push quay credentials to hosts' }));
    expect(dialog.getByText(/Writes the credentials of user robot to \/etc\/ostree\/auth.json on each host/)).toBeTruthy();

    await user.type(dialog.getByLabelText('Label filter'), 'env=prod{Enter}');
    await waitFor(() => expect(api.hostQueries.at(-1)?.getAll('label')).toEqual(['env=prod']));
    await user.type(dialog.getByLabelText('Group'), 'berlin');
    await waitFor(() => expect(api.hostQueries.at(-1)?.get('group')).toBe('berlin'));
    // The server refuses a whole push that names a host not enrolled yet: it cannot be ticked.
    expect((await dialog.findByLabelText('Select sim-003')).hasAttribute('disabled')).toBe(true);
    expect(dialog.getByRole('button', { name: 'Push to 0 hosts' }).hasAttribute('disabled')).toBe(true);
    await user.click(dialog.getByRole('button', { name: 'Select all 2 shown' }));
    await user.click(dialog.getByRole('button', { name: 'Push to 2 hosts' }));

    const results = within(await dialog.findByRole('region', { name: 'Push results' }));
    expect(results.getByRole('status').textContent).toBe('1 written, 1 failed');
    const failed = results.getByRole('link', { name: 'sim-002' }).closest('tr') as HTMLElement;
    expect(within(failed).getByText('CONNECT_TIMEOUT')).toBeTruthy();
    expect(within(failed).getByText(/did not answer in 10000 ms/)).toBeTruthy();
    expect(within(results.getByRole('link', { name: 'sim-001' }).closest('tr') as HTMLElement).getByText('written')).toBeTruthy();
    expect(api.posted).toEqual([{ path: `/api/registries/${registry.id}/push-to-hosts`, body: { hostIds: [host(1).id, host(2).id] } }]);
  });

  it('shows a refused push with its code and keeps the picked hosts', async () => {
    const user = userEvent.setup();
    const api = fakeApi(() => jsonResponse(409, { code: 'HOST_KEY_CHANGED', message: 'sim-001 presented a different host key', details: {} }), { hosts: [host(1)] });
    renderApp({ path: '/registries', fetch: api.fetch });
    await user.click(await screen.findByRole('button', { name: 'Push credentials of quay to hosts' }));
    const dialog = within(screen.getByRole('dialog'));
    await user.click(await dialog.findByLabelText('Select sim-001'));
    await user.click(dialog.getByRole('button', { name: 'Push to 1 host' }));
    expect((await dialog.findByRole('alert')).textContent).toBe('sim-001 presented a different host key (HOST_KEY_CHANGED)');
    expect(dialog.getByRole('button', { name: 'Push to 1 host' })).toBeTruthy();
  });

  it('offers the push only to admins, and says why a token registry cannot be pushed', async () => {
    const token: Registry = { ...registry, id: '0b6c1a52-8f3e-4c55-9d2a-3f6f4c3b2a11', name: 'ghcr', credentials: { kind: 'token', username: null, hasSecret: true } };
    const anonymous: Registry = { ...registry, id: '0b6c1a52-8f3e-4c55-9d2a-3f6f4c3b2a12', name: 'public', credentials: { kind: 'none', username: null, hasSecret: false } };
    const api = fakeApi(() => jsonResponse(500, {}), { registries: [registry, token, anonymous] });
    const admin = renderApp({ path: '/registries', fetch: api.fetch });
    const refused = await screen.findByRole('button', { name: 'Push credentials of ghcr to hosts' });
    expect(refused.hasAttribute('disabled')).toBe(true);
    expect(refused.getAttribute('title')).toMatch(/a token cannot be written/);
    expect(screen.getByRole('button', { name: 'Push credentials of quay to hosts' }).hasAttribute('disabled')).toBe(false);
    expect(screen.queryByRole('button', { name: 'Push credentials of public to hosts' })).toBeNull();
    admin.unmount();

    renderApp({ path: '/registries', fetch: api.fetch, me: { kind: 'user', id: '00000000-0000-4000-8000-000000000002', name: 'op', role: 'operator', csrfToken: 'csrf' } });
    await screen.findByText('quay');
    expect(screen.queryByRole('button', { name: /Push credentials/ })).toBeNull();
  });
});
