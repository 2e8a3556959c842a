import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { hostSummaryFixture } from '../../test/host-fixtures';
import { adminMe, healthyBody, jsonResponse, renderApp } from '../../test/render-app';
import type { Registry } from '../registries/use-registries';
import type { HostSummary } from './use-hosts';

function host(i: number, extra: Partial<HostSummary> = {}): HostSummary {
  return hostSummaryFixture({
    id: `00000000-0000-4000-8000-00000000000${i}`,
    name: `sim-00${i}`,
    address: `127.100.0.${i}`,
    labels: { env: 'prod' },
    booted: { image: 'r/os:stable', digest: `sha256:${String(i).repeat(64)}`, version: '1.0', timestamp: null },
    ...extra,
  });
}

const registries: Partial<Registry>[] = [
  { id: '0b6c1a52-8f3e-4c55-9d2a-3f6f4c3b2a10', name: 'private', url: 'http://127.0.0.1:5000', host: '127.0.0.1:5000', insecure: false, credentials: { kind: 'basic', username: 'robot', hasSecret: true } },
  { id: '0b6c1a52-8f3e-4c55-9d2a-3f6f4c3b2a11', name: 'ghcr', url: 'https://ghcr.io', host: 'ghcr.io', insecure: false, credentials: { kind: 'token', username: null, hasSecret: true } },
];

function fakeApi(hosts: HostSummary[], onPost: (path: string, body: unknown) => Response = () => jsonResponse(500, {})) {
  const queries: URLSearchParams[] = [];
  const posted: { path: string; body: unknown }[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname === '/api/health') return jsonResponse(200, healthyBody);
    if (url.pathname === '/api/images') return jsonResponse(200, []);
    if (url.pathname === '/api/registries') return jsonResponse(200, registries);
    if (request.method === 'GET' && url.pathname === '/api/hosts') {
      queries.push(url.searchParams);
      return jsonResponse(200, { items: hosts, total: hosts.length, page: 1, pageSize: 100 });
    }
    if (request.method === 'POST') {
      const body: unknown = await request.json().catch(() => null);
      posted.push({ path: url.pathname, body });
      return onPost(url.pathname, body);
    }
    return jsonResponse(404, { code: 'NOT_FOUND', message: url.pathname, details: {} });
  };
  return { fetch, queries, posted };
}

describe('fleet page', () => {
  it('shows one dense row per host with update, timer and attention', async () => {
    const api = fakeApi([
      host(1),
      host(2, { updateAvailable: true, timerState: 'enabled', attention: ['timer-not-masked'], status: 'unreachable' }),
      host(3, { lastError: { code: 'CONNECTION_TIMEOUT', message: 'timed out', at: '2026-01-01T00:00:00Z' }, consecutiveFailures: 1 }),
    ]);
    renderApp({ path: '/fleet', fetch: api.fetch });
    const row = (await screen.findByText('sim-002')).closest('tr');
    if (!row) throw new Error('no row');
    expect(within(row).getByText('available')).toBeTruthy();
    expect(within(row).getByText('unreachable')).toBeTruthy();
    expect(within(row).getByLabelText('timer on').getAttribute('title')).toMatch(/not masked/);
    expect(within(row).getByText('222222222222')).toBeTruthy();
    const failing = (await screen.findByText('sim-003')).closest('tr');
    expect(within(failing as HTMLElement).getByText('online')).toBeTruthy();
    expect(within(failing as HTMLElement).getByText('contact failed').closest('[title]')?.getAttribute('title')).toMatch(/timed out \(CONNECTION_TIMEOUT\), 1 failed/);
    expect(screen.getByTestId('host-total').textContent).toBe('3 hosts');
  });

  it('sorts and filters server-side, keeping the view in the URL', async () => {
    const user = userEvent.setup();
    const api = fakeApi([host(1)]);
    const { router } = renderApp({ path: '/fleet?status=online', fetch: api.fetch });
    await screen.findByText('sim-001');
    expect(api.queries.at(-1)?.get('status')).toBe('online');
    await user.click(screen.getByRole('button', { name: 'Last seen' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=online&sort=lastSeenAt'));
    await waitFor(() => expect(api.queries.at(-1)?.get('sort')).toBe('lastSeenAt'));
    await user.selectOptions(screen.getByLabelText('Update available'), 'yes');
    await waitFor(() => expect(api.queries.at(-1)?.get('updateAvailable')).toBe('true'));
  });

  it('selects with checkboxes and shift-click, and runs a bulk refresh', async () => {
    const user = userEvent.setup();
    const api = fakeApi([host(1), host(2), host(3)], () => jsonResponse(202, { queued: 1 }));
    renderApp({ path: '/fleet', fetch: api.fetch });
    await user.click(await screen.findByLabelText('Select sim-001'));
    await user.keyboard('{Shift>}');
    await user.click(screen.getByLabelText('Select sim-003'));
    await user.keyboard('{/Shift}');
    const toolbar = screen.getByRole('toolbar', { name: 'Bulk actions' });
    expect(within(toolbar).getByText('3 selected')).toBeTruthy();
    await user.click(within(toolbar).getByRole('button', { name: 'Refresh status' }));
    expect(await screen.findByText('Refresh status: 3 refreshes queued')).toBeTruthy();
    expect(api.posted.map((p) => p.path).sort()).toEqual([1, 2, 3].map((i) => `/api/hosts/${host(i).id}/refresh`));
  });

  it('probes, shows the host key to approve, and puts API errors next to their field', async () => {
    const user = userEvent.setup();
    const api = fakeApi([], (path) =>
      path === '/api/hosts/probe'
        ? jsonResponse(200, { fingerprint: 'SHA256:abc', keyType: 'ssh-ed25519' })
        : jsonResponse(400, { code: 'VALIDATION_FAILED', message: 'Invalid request', details: { issues: [{ path: 'user', message: 'is not a valid user name', code: 'custom' }] } }),
    );
    renderApp({ path: '/fleet', fetch: api.fetch });
    expect(await screen.findByText('No hosts enrolled yet')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Enroll host' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Enroll host' }));
    await user.type(dialog.getByLabelText('Address'), '10.0.0.5');
    await user.click(dialog.getByRole('button', { name: 'Probe' }));
    expect((await dialog.findByTestId('presented-fingerprint')).textContent).toBe('SHA256:abc');
    await user.click(dialog.getByRole('button', { name: 'Enroll' }));
    expect(await dialog.findByText(/probe the host and approve its key/)).toBeTruthy();
    await user.click(dialog.getByRole('checkbox', { name: /Approve ssh-ed25519 key/ }));
    await user.click(dialog.getByRole('radio', { name: /Fleet key already installed/ }));
    await user.click(dialog.getByRole('button', { name: 'Enroll' }));
    expect(await dialog.findByText('is not a valid user name')).toBeTruthy();
    expect(api.posted.at(-1)).toEqual({
      path: '/api/hosts',
      body: { name: '10.0.0.5', address: '10.0.0.5', port: 22, user: 'core', fingerprint: 'SHA256:abc', credential: { kind: 'fleet-key' }, labels: {}, group: null, autoUpdateOptOut: false },
    });
  });

  it('pushes registry credentials to the selected hosts from the toolbar (admins only)', async () => {
    const user = userEvent.setup();
    const api = fakeApi([host(1), host(2)], (path, body) =>
      jsonResponse(200, { results: (body as { hostIds: string[] }).hostIds.map((hostId, i) => ({ hostId, name: `sim-00${i + 1}`, ok: true, error: null })) }),
    );
    renderApp({ path: '/fleet', fetch: api.fetch });
    await user.click(await screen.findByLabelText('Select sim-001'));
    await user.click(screen.getByLabelText('Select sim-002'));
    await user.click(within(screen.getByRole('toolbar', { name: 'Bulk actions' })).getByRole('button', { name: 'Push registry credentials…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Push registry credentials to 2 hosts' }));
    // A token registry has nothing hosts can take: it is not offered.
    await dialog.findByRole('option', { name: 'private (127.0.0.1:5000)' });
    expect(dialog.queryByRole('option', { name: /ghcr/ })).toBeNull();
    await user.selectOptions(dialog.getByLabelText('Registry'), 'private (127.0.0.1:5000)');
    expect(dialog.getByText(/and an insecure-registry drop-in on each host/)).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Push to 2 hosts' }));
    expect((await dialog.findByRole('status')).textContent).toBe('2 written');
    expect(api.posted).toEqual([{ path: `/api/registries/${registries[0]?.id}/push-to-hosts`, body: { hostIds: [host(1).id, host(2).id] } }]);
  });

  it('does not offer the credentials push to operators', async () => {
    const user = userEvent.setup();
    renderApp({ path: '/fleet', fetch: fakeApi([host(1)]).fetch, me: { ...adminMe, role: 'operator' } });
    await user.click(await screen.findByLabelText('Select sim-001'));
    const toolbar = within(screen.getByRole('toolbar', { name: 'Bulk actions' }));
    expect(toolbar.getByRole('button', { name: 'Refresh status' })).toBeTruthy();
    expect(toolbar.queryByRole('button', { name: 'Push registry credentials…' })).toBeNull();
  });
});
