import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { healthyBody, jsonResponse, renderApp } from '../../test/render-app';
import type { BaseIso, IsoTemplate } from './use-isos';

const base: BaseIso = {
  id: '3f0c1a52-8f3e-4c55-9d2a-3f6f4c3b2a10',
  name: 'Fedora boot.iso',
  external: false,
  size: 1_068_498_944,
  sha256: 'a'.repeat(64),
  state: 'ready',
  error: null,
  inspection: { volumeLabel: 'Fedora-S-dvd-x86_64-42', layout: 'grub-appended', architecture: 'x86_64', volumeBytes: 1_068_498_944, bootConfigs: [] },
  createdAt: '2026-11-20T10:00:00.000Z',
};

const template = (over: Partial<IsoTemplate>): IsoTemplate => ({
  id: '4a0c1a52-8f3e-4c55-9d2a-3f6f4c3b2a10',
  baseId: base.id,
  baseName: base.name,
  imageId: '5b0c1a52-8f3e-4c55-9d2a-3f6f4c3b2a10',
  imageRef: 'registry.example.com/fleet/os:stable',
  pinnedRef: null,
  offline: false,
  kernelArgs: [],
  state: 'ready',
  progress: null,
  size: 1_068_826_624,
  slot: null,
  error: null,
  jobId: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  ...over,
});

function fakeApi(templates: IsoTemplate[], onPost: (path: string, body: unknown) => Response = () => jsonResponse(500, {})) {
  const posted: { path: string; body: unknown }[] = [];
  const fetch = async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/health') return jsonResponse(200, healthyBody);
    if (request.method === 'GET' && path === '/api/isos/base') return jsonResponse(200, [base]);
    if (request.method === 'GET' && path === '/api/isos/templates') return jsonResponse(200, templates);
    if (request.method === 'POST') {
      const body: unknown = await request.json();
      posted.push({ path, body });
      return onPost(path, body);
    }
    return jsonResponse(404, { code: 'NOT_FOUND', message: path, details: {} });
  };
  return { fetch, posted };
}

describe('ISOs page', () => {
  it('lists base ISOs with their inspection and templates with their state or failure', async () => {
    const failed = template({ id: '6c0c1a52-8f3e-4c55-9d2a-3f6f4c3b2a10', state: 'failed', size: null, error: { code: 'REGISTRY_UNREACHABLE', message: 'connection refused' } });
    renderApp({ path: '/isos', fetch: fakeApi([template({}), failed]).fetch });
    const bases = await screen.findByRole('table', { name: 'Base ISOs' });
    const baseRow = (await within(bases).findByText('Fedora boot.iso')).closest('tr');
    if (!baseRow) throw new Error('no row');
    expect(within(baseRow).getByText('Fedora-S-dvd-x86_64-42')).toBeTruthy();
    expect(within(baseRow).getByText('1.1 GB')).toBeTruthy();
    const templates = screen.getByRole('table', { name: 'Templates' });
    expect(within(templates).getByText('ready')).toBeTruthy();
    expect(within(templates).getByText('REGISTRY_UNREACHABLE: connection refused')).toBeTruthy();
  });

  it('adds hosts by ISO with shared settings and shows each host its link', async () => {
    const user = userEvent.setup();
    const { fetch, posted } = fakeApi([template({})], (path) =>
      path === '/api/isos/hosts'
        ? jsonResponse(201, [{ hostId: '7d0c1a52-8f3e-4c55-9d2a-3f6f4c3b2a10', url: 'http://fleet/api/isos/download/abc.def', expiresAt: '2026-11-20T10:15:00.000Z', bytes: 1_068_826_624 }])
        : jsonResponse(500, {}),
    );
    renderApp({ path: '/isos', fetch });
    await user.click(await screen.findByRole('button', { name: 'Add hosts by ISO' }));
    const dialog = screen.getByRole('dialog', { name: 'Add hosts by ISO' });
    await user.selectOptions(within(dialog).getByLabelText('Template'), '4a0c1a52-8f3e-4c55-9d2a-3f6f4c3b2a10');
    await user.type(within(dialog).getByLabelText('Hosts'), 'edge-01 edge-01.example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Create hosts and links' }));
    const link = await within(dialog).findByRole('link', { name: 'edge-01.iso' });
    expect(link.getAttribute('href')).toBe('http://fleet/api/isos/download/abc.def');
    expect(posted).toEqual([
      {
        path: '/api/isos/hosts',
        body: {
          templateId: '4a0c1a52-8f3e-4c55-9d2a-3f6f4c3b2a10',
          hosts: [
            {
              name: 'edge-01',
              sshPort: 22,
              record: { hostname: 'edge-01.example.com', network: { mode: 'dhcp' }, disk: { by: 'smallest' }, partitioning: 'autopart', users: [], timezone: 'UTC', locale: 'en_US.UTF-8', keyboard: 'us' },
            },
          ],
        },
      },
    ]);
  });
});
