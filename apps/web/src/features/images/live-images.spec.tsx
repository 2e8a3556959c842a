import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { healthyBody, jsonResponse, renderApp } from '../../test/render-app';

class FakeEventSource extends EventTarget {
  static last: FakeEventSource | undefined;
  constructor(readonly url: string) {
    super();
    FakeEventSource.last = this;
  }
  close() {}
  emit(type: string, data: unknown) {
    this.dispatchEvent(Object.assign(new Event(type), { data: JSON.stringify(data) }));
  }
}

afterEach(() => vi.unstubAllGlobals());

const id = '5f65a7e9-d10d-4f1a-8ead-17426eda83d1';
const digest = `sha256:${'b'.repeat(64)}`;
const image = (version: string) => ({
  id,
  registryId: '0b6c1a52-8f3e-4c55-9d2a-3f6f4c3b2a10',
  registryName: 'local',
  reference: '127.0.0.1:5000/fleet/os:stable',
  repository: 'fleet/os',
  tag: 'stable',
  pollIntervalSeconds: null,
  effectivePollIntervalSeconds: 300,
  lastPolledAt: null,
  nextPollAt: null,
  lastError: null,
  current: [{ id: version, architecture: 'amd64', digest, indexDigest: null, version, created: null, firstSeenAt: '2026-11-22T11:00:00.000Z', current: true }],
  revisionCount: 1,
  createdAt: '2026-11-21T11:00:00.000Z',
});

describe('images page live updates', () => {
  it('refetches the list on image events, and only the chart (once) on a burst of host events', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const user = userEvent.setup();
    const calls: string[] = [];
    let version = '41.1';
    renderApp({
      path: `/images?image=${id}`,
      fetch: async (request) => {
        const path = new URL(request.url).pathname;
        calls.push(path);
        if (path === '/api/health') return jsonResponse(200, healthyBody);
        if (path === '/api/images') return jsonResponse(200, [image(version)]);
        if (path.endsWith('/revisions')) return jsonResponse(200, image(version).current);
        if (path.endsWith('/revision-usage')) return jsonResponse(200, { items: [{ digest, version, hosts: 2 }] });
        return jsonResponse(404, { code: 'NOT_FOUND', message: path, details: {} });
      },
    });
    expect(await screen.findAllByText('41.1')).not.toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Show 127.0.0.1:5000/fleet/os:stable' }));
    await waitFor(() => expect(calls.filter((c) => c.endsWith('/revision-usage'))).toHaveLength(1));
    const source = FakeEventSource.last;
    if (!source) throw new Error('no event stream');
    expect(source.url).toBe('/api/events?topics=host%2Cimage');

    const listFetches = () => calls.filter((c) => c === '/api/images').length;
    const before = listFetches();
    act(() => {
      for (let i = 0; i < 20; i++) source.emit('host.updated', { id: `h${i}` });
    });
    await waitFor(() => expect(calls.filter((c) => c.endsWith('/revision-usage'))).toHaveLength(2));
    expect(listFetches()).toBe(before);

    version = '41.2';
    act(() => source.emit('image.revision', { imageId: id, architecture: 'amd64', digest }));
    expect(await screen.findAllByText('41.2')).not.toHaveLength(0);
    expect(listFetches()).toBe(before + 1);
  });
});
