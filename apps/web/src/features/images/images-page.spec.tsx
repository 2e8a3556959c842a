import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { healthyBody, jsonResponse, renderApp } from '../../test/render-app';
import type { Image, ImageRevision } from './use-images';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const imageId = '5f65a7e9-d10d-4f1a-8ead-17426eda83d1';
const registryId = '0b6c1a52-8f3e-4c55-9d2a-3f6f4c3b2a10';

const revisions: ImageRevision[] = [
  { id: 'r2', architecture: 'amd64', digest: digest('b'), indexDigest: null, version: '41.2', created: null, firstSeenAt: '2026-11-22T11:00:00.000Z', current: true, quarantined: false, quarantinedAt: null, quarantineReason: null },
  { id: 'r1', architecture: 'amd64', digest: digest('a'), indexDigest: null, version: '41.1', created: null, firstSeenAt: '2026-11-21T11:00:00.000Z', current: false, quarantined: false, quarantinedAt: null, quarantineReason: null },
];

const image = (overrides: Partial<Image> = {}): Image => ({
  id: imageId,
  registryId,
  registryName: 'local',
  reference: '127.0.0.1:5000/fleet/os:stable',
  repository: 'fleet/os',
  tag: 'stable',
  pollIntervalSeconds: null,
  effectivePollIntervalSeconds: 300,
  lastPolledAt: '2026-11-22T11:00:00.000Z',
  nextPollAt: '2026-11-22T11:05:00.000Z',
  lastError: null,
  current: [revisions[0]!],
  revisionCount: 2,
  createdAt: '2026-11-21T11:00:00.000Z',
  ...overrides,
});

function fakeApi(answers: { refresh?: Image; create?: Response } = {}) {
  return async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/health') return jsonResponse(200, healthyBody);
    if (path === '/api/images' && request.method === 'GET') return jsonResponse(200, [image()]);
    if (path === '/api/images' && request.method === 'POST') return answers.create ?? jsonResponse(500, {});
    if (path === `/api/images/${imageId}/refresh`) return jsonResponse(200, answers.refresh ?? image());
    if (path === `/api/images/${imageId}/revisions`) return jsonResponse(200, revisions);
    if (path === `/api/images/${imageId}/revision-usage`) return jsonResponse(200, { items: [{ digest: digest('a'), version: '41.1', hosts: 3 }, { digest: digest('b'), version: '41.2', hosts: 1 }] });
    if (path === '/api/registries') return jsonResponse(200, [{ id: registryId, name: 'local', host: '127.0.0.1:5000' }]);
    return jsonResponse(404, { code: 'NOT_FOUND', message: path, details: {} });
  };
}

describe('images page', () => {
  it('lists tracked images with their current revision and opens the timeline and hosts-per-revision chart', async () => {
    const user = userEvent.setup();
    renderApp({ path: '/images', fetch: fakeApi() });
    expect(await screen.findByText('41.2')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show 127.0.0.1:5000/fleet/os:stable' }));
    const details = within(await screen.findByRole('region', { name: 'Image 127.0.0.1:5000/fleet/os:stable' }));
    const timeline = within(await details.findByRole('list', { name: 'Revision timeline' }));
    expect(timeline.getAllByRole('listitem').map((li) => li.textContent?.split(' ')[0])).toEqual(['41.2', '41.1']);
    const bars = await details.findAllByTestId('revision-bar');
    expect(bars.map((b) => b.textContent)).toEqual(['41.2 (bbbbbbbbbbbb) · current1', '41.1 (aaaaaaaaaaaa)3']);
  });

  it('shows the registry error after a failed refresh', async () => {
    const user = userEvent.setup();
    const failed = image({ lastError: { code: 'REGISTRY_UNREACHABLE', message: 'connection refused', at: '2026-11-22T11:10:00.000Z' } });
    let refreshed = false;
    const base = fakeApi({ refresh: failed });
    renderApp({
      path: '/images',
      fetch: async (request) => {
        const path = new URL(request.url).pathname;
        if (path.endsWith('/refresh')) refreshed = true;
        if (refreshed && path === '/api/images') return jsonResponse(200, [failed]);
        return base(request);
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Refresh 127.0.0.1:5000/fleet/os:stable' }));
    expect(await screen.findByText('REGISTRY_UNREACHABLE: connection refused')).toBeTruthy();
  });

  it('explains a tag that does not resolve inside the track form', async () => {
    const user = userEvent.setup();
    renderApp({
      path: '/images',
      fetch: fakeApi({ create: jsonResponse(422, { code: 'REGISTRY_NOT_FOUND', message: 'manifest unknown: fleet/os:nope', details: {} }) }),
    });
    await user.click(await screen.findByRole('button', { name: 'Track image' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Track image' }));
    await user.type(dialog.getByLabelText('Repository'), 'fleet/os');
    await user.clear(dialog.getByLabelText('Tag'));
    await user.type(dialog.getByLabelText('Tag'), 'nope');
    await user.click(dialog.getByRole('button', { name: 'Track image' }));
    expect(await dialog.findByText('manifest unknown: fleet/os:nope (REGISTRY_NOT_FOUND)')).toBeTruthy();
  });
});
