import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { hostSummaryFixture } from '../../test/host-fixtures';
import { adminMe, healthyBody, jsonResponse, renderApp } from '../../test/render-app';
import type { HostDetail } from '../fleet/use-hosts';

const HOST_ID = '00000000-0000-4000-8000-000000000001';
const OWN_IMAGE = '00000000-0000-4000-8000-0000000000c1';
const OTHER_IMAGE = '00000000-0000-4000-8000-0000000000c2';
const slot = { image: '127.0.0.1:5000/fleet/private:stable', digest: `sha256:${'a'.repeat(64)}`, version: '7.0', timestamp: null };

const host: HostDetail = {
  ...hostSummaryFixture({ id: HOST_ID, name: 'stock-001', address: '127.106.0.1', imageId: OWN_IMAGE, booted: slot }),
  credentialKind: 'fleet_key',
  specImage: slot.image,
  cachedUpdate: null,
  facts: null,
  timerStateAtEnrollment: 'enabled',
  autoUpdateOptOut: false,
  expectedDigest: null,
  enrolledAt: null,
  createdAt: '2026-11-20T10:00:00.000Z',
};

const images = [
  { id: OTHER_IMAGE, reference: 'quay.io/fedora/fedora-bootc:41' },
  { id: OWN_IMAGE, reference: '127.0.0.1:5000/fleet/private:stable' },
];

const cannotPull = {
  canPull: false,
  checks: [
    { name: 'reachable', ok: true, detail: 'core@127.106.0.1 answered with its pinned host key' },
    { name: 'credentials', ok: false, detail: 'no credentials for 127.0.0.1:5000 in /etc/ostree/auth.json: push them from the registry' },
    { name: 'trust', ok: true, detail: '127.0.0.1:5000 is marked insecure on the host' },
    { name: 'pull', ok: false, detail: 'REGISTRY_AUTH_FAILED: unauthorized: authentication required' },
  ],
};

const operator = { ...adminMe, name: 'op', role: 'operator' };

function fakeApi(onPreflight: (imageId: string) => Response) {
  const preflights: unknown[] = [];
  const fetch = async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/health') return jsonResponse(200, healthyBody);
    if (path === `/api/hosts/${HOST_ID}`) return jsonResponse(200, host);
    if (path === `/api/hosts/${HOST_ID}/history` || path === '/api/jobs') return jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 20 });
    if (path === '/api/images') return jsonResponse(200, images);
    if (request.method === 'POST' && path === `/api/hosts/${HOST_ID}/preflight`) {
      const body = (await request.json()) as { imageId: string };
      preflights.push(body);
      return onPreflight(body.imageId);
    }
    return jsonResponse(404, { code: 'NOT_FOUND', message: path, details: {} });
  };
  return { fetch, preflights };
}

describe('host page pre-flight pull', () => {
  it("checks the host's own image by default and shows each check inline, codes and hints included", async () => {
    const user = userEvent.setup();
    const api = fakeApi(() => jsonResponse(200, cannotPull));
    renderApp({ path: `/hosts/${HOST_ID}`, fetch: api.fetch, me: operator });
    await user.click(await screen.findByRole('button', { name: 'Pre-flight pull' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Pre-flight pull on stock-001' }));
    await dialog.findByRole('option', { name: /fleet\/private:stable \(this host’s image\)/ });
    expect((dialog.getByLabelText('Image') as HTMLSelectElement).value).toBe(OWN_IMAGE);
    await user.click(dialog.getByRole('button', { name: 'Run pre-flight' }));

    const result = within(await dialog.findByRole('region', { name: 'Pre-flight result' }));
    expect(result.getByText('Cannot pull')).toBeTruthy();
    const pull = dialog.getByText('Test pull').closest('li') as HTMLElement;
    expect(pull.dataset.state).toBe('failed');
    expect(within(pull).getByText('REGISTRY_AUTH_FAILED')).toBeTruthy();
    expect(pull.textContent).toContain("The registry refused the host's credentials");
    const credentials = dialog.getByText('Credentials').closest('li') as HTMLElement;
    expect(credentials.textContent).toContain('no credentials for 127.0.0.1:5000');
    expect(credentials.textContent).toContain('Registries → Push credentials');
    // Pushing is for admins: an operator gets the hint without the link.
    expect(result.queryByRole('link', { name: 'Open Registries' })).toBeNull();
    expect((dialog.getByText('SSH').closest('li') as HTMLElement).dataset.state).toBe('ok');
    expect(api.preflights).toEqual([{ imageId: OWN_IMAGE }]);
  });

  it('checks another tracked image and shows a refused pre-flight with its code', async () => {
    const user = userEvent.setup();
    const api = fakeApi(() => jsonResponse(409, { code: 'HOST_NOT_ENROLLED', message: 'stock-001 is not enrolled yet', details: {} }));
    renderApp({ path: `/hosts/${HOST_ID}`, fetch: api.fetch });
    await user.click(await screen.findByRole('button', { name: 'Pre-flight pull' }));
    const dialog = within(screen.getByRole('dialog'));
    await user.selectOptions(dialog.getByLabelText('Image'), await dialog.findByRole('option', { name: 'quay.io/fedora/fedora-bootc:41' }));
    await user.click(dialog.getByRole('button', { name: 'Run pre-flight' }));
    expect((await dialog.findByRole('alert')).textContent).toBe('stock-001 is not enrolled yet (HOST_NOT_ENROLLED)');
    expect(api.preflights).toEqual([{ imageId: OTHER_IMAGE }]);
  });

  it('links an admin to the push when the fix is one', async () => {
    const user = userEvent.setup();
    renderApp({ path: `/hosts/${HOST_ID}`, fetch: fakeApi(() => jsonResponse(200, cannotPull)).fetch });
    await user.click(await screen.findByRole('button', { name: 'Pre-flight pull' }));
    const dialog = within(screen.getByRole('dialog'));
    await dialog.findByRole('option', { name: /this host’s image/ });
    await user.click(dialog.getByRole('button', { name: 'Run pre-flight' }));
    expect((await dialog.findAllByRole('link', { name: 'Open Registries' }))[0]?.getAttribute('href')).toBe('/registries');
  });

  it('offers no pre-flight to viewers', async () => {
    renderApp({ path: `/hosts/${HOST_ID}`, fetch: fakeApi(() => jsonResponse(500, {})).fetch, me: { ...adminMe, name: 'view', role: 'viewer' } });
    await screen.findByRole('heading', { name: 'stock-001' });
    expect(screen.queryByRole('button', { name: 'Pre-flight pull' })).toBeNull();
  });
});
