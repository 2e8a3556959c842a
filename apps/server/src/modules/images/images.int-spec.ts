import { pushMultiArchTestImage, pushTestImage, startRegistry, type TestRegistry, waitUntil } from '@bootfleet/oci/testing';
import { type Subscription } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus, type BusEvent } from '../../infra/events/event-bus.service';
import { JobQueue } from '../../infra/jobs/job-queue.service';
import { PrismaService } from '../../infra/prisma/prisma.service';
import { startTestApp, type TestApp } from '../../testing/test-app';
import type { ImageRevisionView, ImageView } from './images.dto';
import { ImagesService } from './images.service';
import { IMAGE_POLL, IMAGES_POLL_DUE } from './jobs/image-poll.jobs';

/** Waits for a boolean condition (waitUntil itself waits for a defined value). */
function eventually(what: string, condition: () => Promise<boolean>, timeoutMs?: number): Promise<true> {
  return waitUntil(what, async () => ((await condition()) ? true : undefined), timeoutMs);
}

describe('images API on PostgreSQL and docker-registry', () => {
  let t: TestApp;
  let api: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;
  let registry: TestRegistry;
  let doomed: TestRegistry;
  let registryId: string;
  const events: BusEvent[] = [];
  let subscription: Subscription;

  const imageCount = async () => ((await api('GET', '/api/images')).body as unknown[]).length;

  beforeAll(async () => {
    [t, registry, doomed] = await Promise.all([startTestApp({ env: { BOOTFLEET_ROLES: 'api,worker' } }), startRegistry({ auth: 'basic' }), startRegistry({ auth: 'none' })]);
    api = (method, path, body) => t.admin.request(method, path, body);
    subscription = t.app.get(EventBus).stream(['image']).subscribe((e) => events.push(e));
    const created = await api('POST', '/api/registries', {
      name: 'fleet',
      url: registry.url,
      credentials: { kind: 'basic', username: registry.username, password: registry.password },
    });
    registryId = (created.body as { id: string }).id;
  });

  afterAll(async () => {
    subscription?.unsubscribe();
    await t?.close();
    await Promise.all([registry?.stop(), doomed?.stop()]);
  });

  it('tracks a tag that resolves, with its digest, version and created date as the current revision', async () => {
    const pushed = await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '41.1', created: '2026-11-01T10:00:00Z' });
    const res = await api('POST', '/api/images', { registryId, repository: 'fleet/os', tag: 'stable' });
    expect(res.status).toBe(201);
    const image = res.body as ImageView;
    expect(image).toMatchObject({ reference: `${registry.host}/fleet/os:stable`, registryName: 'fleet', lastError: null, revisionCount: 1, pollIntervalSeconds: null, effectivePollIntervalSeconds: 300 });
    expect(image.current).toEqual([
      expect.objectContaining({ architecture: 'amd64', digest: pushed.digest, version: '41.1', created: '2026-11-01T10:00:00.000Z', current: true }),
    ]);
    await eventually('image.revision event', async () => events.some((e) => e.topic === 'image.revision' && e.data.digest === pushed.digest), 5_000);
  });

  it('refuses a missing tag (422), a malformed reference (400) and a duplicate (409), creating nothing', async () => {
    const before = await imageCount();
    const missing = await api('POST', '/api/images', { registryId, repository: 'fleet/os', tag: 'no-such-tag' });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'REGISTRY_NOT_FOUND', message: expect.any(String) });

    const malformed = await api('POST', '/api/images', { registryId, repository: 'Fleet/OS', tag: 'stable' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'INVALID_REFERENCE', details: { field: 'repository' } });

    const badTag = await api('POST', '/api/images', { registryId, repository: 'fleet/os', tag: 'has space' });
    expect(badTag.status).toBe(400);
    expect(badTag.body).toMatchObject({ code: 'INVALID_REFERENCE', details: { field: 'tag' } });

    const duplicate = await api('POST', '/api/images', { registryId, repository: 'fleet/os', tag: 'stable' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'IMAGE_EXISTS' });

    const unknownRegistry = await api('POST', '/api/images', { registryId: '00000000-0000-4000-8000-000000000000', repository: 'fleet/os', tag: 'stable' });
    expect(unknownRegistry.status).toBe(404);
    expect(await imageCount()).toBe(before);
  });

  it('refuses to track an image when the registry refuses the credentials (422), creating nothing', async () => {
    const wrong = await api('POST', '/api/registries', { name: 'wrong-pw', url: registry.url, credentials: { kind: 'basic', username: registry.username, password: 'wrong' } });
    const before = await imageCount();
    const res = await api('POST', '/api/images', { registryId: (wrong.body as { id: string }).id, repository: 'fleet/os', tag: 'stable' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
    expect(await imageCount()).toBe(before);
  });

  it('records a new revision when the tag moves, on manual refresh and through the poll job', async () => {
    const image = ((await api('GET', '/api/images')).body as ImageView[]).find((i) => i.repository === 'fleet/os');
    if (!image) throw new Error('fleet/os is not tracked');
    const first = image.current[0]?.digest;

    const second = await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '41.2' });
    expect(second.digest).not.toBe(first);
    const refreshed = (await api('POST', `/api/images/${image.id}/refresh`)).body as ImageView;
    expect(refreshed.current).toEqual([expect.objectContaining({ digest: second.digest, version: '41.2' })]);
    expect(refreshed.revisionCount).toBe(2);
    await eventually('image.revision event for the new digest', async () => events.some((e) => e.topic === 'image.revision' && e.data.digest === second.digest), 5_000);

    // Refreshing again with nothing changed records nothing.
    const eventsBefore = events.filter((e) => e.topic === 'image.revision').length;
    expect(((await api('POST', `/api/images/${image.id}/refresh`)).body as ImageView).revisionCount).toBe(2);

    const third = await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '41.3' });
    await t.app.get(JobQueue).enqueue(IMAGE_POLL, { imageId: image.id }, { singletonKey: image.id });
    await eventually('the poll job records the third revision', async () => ((await api('GET', `/api/images/${image.id}`)).body as ImageView).current[0]?.digest === third.digest, 20_000);
    await eventually('image.revision event for the third digest', async () => events.some((e) => e.topic === 'image.revision' && e.data.digest === third.digest), 5_000);
    expect(events.filter((e) => e.topic === 'image.revision').length).toBe(eventsBefore + 1);

    const timeline = (await api('GET', `/api/images/${image.id}/revisions`)).body as ImageRevisionView[];
    expect(timeline.map((r) => [r.version, r.current])).toEqual([['41.3', true], ['41.2', false], ['41.1', false]]);
    expect(await t.app.get(ImagesService).currentDigest(image.id, 'x86_64')).toBe(third.digest);
  });

  it('keeps the last revision and shows the error when the registry is unreachable', async () => {
    const created = await api('POST', '/api/registries', { name: 'doomed', url: doomed.url });
    const pushed = await pushTestImage(doomed, { repository: 'fleet/edge', tag: 'latest', version: '1' });
    const image = (await api('POST', '/api/images', { registryId: (created.body as { id: string }).id, repository: 'fleet/edge' })).body as ImageView;
    expect(image.tag).toBe('latest');
    await doomed.stop();

    const after = (await api('POST', `/api/images/${image.id}/refresh`)).body as ImageView;
    expect(after.lastError).toMatchObject({ code: 'REGISTRY_UNREACHABLE', message: expect.any(String) });
    expect(after.current).toEqual([expect.objectContaining({ digest: pushed.digest, current: true })]);
  });

  it('resolves every architecture hosts on the image run, and matches host references to the image', async () => {
    const pushed = await pushMultiArchTestImage(registry, { repository: 'fleet/multi', tag: 'stable', version: '7' });
    const image = (await api('POST', '/api/images', { registryId, repository: 'fleet/multi', tag: 'stable' })).body as ImageView;
    expect(image.current).toEqual([expect.objectContaining({ architecture: 'amd64', digest: pushed.platforms.amd64.digest, indexDigest: pushed.digest })]);

    const images = t.app.get(ImagesService);
    expect(await images.findByReference(`${registry.host}/fleet/multi:stable`)).toEqual({ id: image.id });
    expect(await images.findByReference(`${registry.host}/fleet/multi:other`)).toBeNull();
    expect(await images.findByReference('quay.io/fleet/multi:stable')).toBeNull();
    expect(await images.findByReference('not a reference')).toBeNull();

    await t.app.get(PrismaService).host.create({ data: { name: 'arm-1', address: '127.0.0.1', sshUser: 'core', imageId: image.id, architecture: 'aarch64' } });
    const polled = (await api('POST', `/api/images/${image.id}/refresh`)).body as ImageView;
    expect(polled.current.map((r) => [r.architecture, r.digest])).toEqual([
      ['amd64', pushed.platforms.amd64.digest],
      ['arm64', pushed.platforms.arm64.digest],
    ]);
    expect(await images.currentDigest(image.id, 'aarch64')).toBe(pushed.platforms.arm64.digest);
    expect(await images.currentDigest(image.id, null)).toBe(pushed.platforms.amd64.digest);
  });

  it('keeps a per-image poll interval and a global default in settings', async () => {
    expect((await api('GET', '/api/settings')).body).toEqual({ refreshIntervalSeconds: 300, imagePollIntervalSeconds: 300, rebootMinRemainingMinutes: 15 });
    const put = await api('PUT', '/api/settings', { imagePollIntervalSeconds: 600 });
    expect(put.body).toEqual({ refreshIntervalSeconds: 300, imagePollIntervalSeconds: 600, rebootMinRemainingMinutes: 15 });
    expect((await api('PUT', '/api/settings', { refreshIntervalSeconds: 1 })).status).toBe(400);

    const [image] = (await api('GET', '/api/images')).body as ImageView[];
    if (!image) throw new Error('no image');
    expect(image.effectivePollIntervalSeconds).toBe(600);
    const own = (await api('PATCH', `/api/images/${image.id}`, { pollIntervalSeconds: 120 })).body as ImageView;
    expect(own).toMatchObject({ pollIntervalSeconds: 120, effectivePollIntervalSeconds: 120 });
    expect(Date.parse(own.nextPollAt ?? '') - Date.parse(own.lastPolledAt ?? '')).toBe(120_000);
  });

  it('polls the images whose interval elapsed when the poll-due job runs', async () => {
    const image = ((await api('GET', '/api/images')).body as ImageView[]).find((i) => i.repository === 'fleet/os');
    if (!image) throw new Error('fleet/os is not tracked');
    const prisma = t.app.get(PrismaService);
    const images = t.app.get(ImagesService);
    expect(await images.dueForPoll(new Date())).not.toContain(image.id);

    const longAgo = new Date(Date.now() - 24 * 3600_000);
    await prisma.image.update({ where: { id: image.id }, data: { lastPolledAt: longAgo } });
    expect(await images.dueForPoll(new Date())).toContain(image.id);
    await t.app.get(JobQueue).enqueue(IMAGES_POLL_DUE, {});
    await eventually('the due image is polled', async () => ((await prisma.image.findUniqueOrThrow({ where: { id: image.id } })).lastPolledAt ?? longAgo) > longAgo, 20_000);
    expect(await images.dueForPoll(new Date())).not.toContain(image.id);
  });

  it('refuses to delete a registry that images use, then deletes both in order', async () => {
    const inUse = await api('DELETE', `/api/registries/${registryId}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ code: 'REGISTRY_IN_USE' });
    for (const image of (await api('GET', '/api/images')).body as ImageView[]) {
      if (image.registryId === registryId) expect((await api('DELETE', `/api/images/${image.id}`)).status).toBe(204);
    }
    expect((await api('DELETE', `/api/registries/${registryId}`)).status).toBe(204);
  });
});
