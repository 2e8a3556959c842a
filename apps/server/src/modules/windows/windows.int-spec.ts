import { readFile } from 'node:fs/promises';
import { type Fleet, startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaService } from '../../infra/prisma/prisma.service';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { WindowsService } from './windows.service';
import { HostRefreshService } from '../hosts/host-refresh.service';
import { QuarantineService } from '../quarantine';
import { until } from '../../testing/until';

// Maintenance windows through the real HTTP API and PostgreSQL: CRUD, refusals, preview, host
// matching, the reboot gate on a fake clock, and revision quarantine flagging a real (simulated) host.

interface WindowBody {
  id: string;
  name: string;
  description: string;
  selectorDescription: string;
  nextOpenings: { start: string; end: string }[];
  hostCount: number;
  enabled: boolean;
  note: string | null;
}
interface ErrorBody {
  code: string;
  details: { field?: string };
}

const sundayBerlin = { kind: 'recurring', cron: '0 2 * * 0', durationMinutes: 180, timeZone: 'Europe/Berlin' };

describe('maintenance windows API', () => {
  let t: TestApp;
  let prisma: PrismaService;

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    const host = (name: string, labels: object, group: string | null) =>
      prisma.host.create({ data: { name, address: '127.0.0.1', sshUser: 'core', labels, group } });
    await host('db-1', { role: 'db', site: 'fra' }, 'prod');
    await host('db-2', { role: 'db', site: 'ber' }, 'prod');
    await host('web-1', { role: 'web', site: 'fra' }, 'staging');
    await host('lab-1', {}, null);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('creates, reads, lists, updates and deletes a window with its description and next openings', async () => {
    const created = await t.admin.post<WindowBody>('/api/windows', { name: 'sunday-db', ...sundayBerlin, note: 'db patching', selector: { labels: { role: 'db' } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'sunday-db',
      description: 'At 02:00, only on Sunday (Europe/Berlin), for 3 hours',
      selectorDescription: 'role=db',
      hostCount: 2,
      enabled: true,
      note: 'db patching',
    });
    expect(created.body.nextOpenings).toHaveLength(5);
    const [first, second] = created.body.nextOpenings;
    expect(new Date(second!.start).getTime() - new Date(first!.start).getTime()).toBeGreaterThanOrEqual(7 * 24 * 3600_000 - 3600_000);
    expect(new Date(first!.end).getTime() - new Date(first!.start).getTime()).toBe(3 * 3600_000);

    const read = await t.admin.get<WindowBody>(`/api/windows/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    expect((await t.admin.get<WindowBody[]>('/api/windows')).body.map((w) => w.name)).toEqual(['sunday-db']);

    const disabled = await t.admin.request<WindowBody>('PATCH', `/api/windows/${created.body.id}`, { enabled: false, selector: { groups: ['prod', 'staging'] } });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ enabled: false, hostCount: 3, selectorDescription: 'group prod or staging', note: 'db patching' });

    const duplicate = await t.admin.post<ErrorBody>('/api/windows', { name: 'sunday-db', ...sundayBerlin, selector: { allHosts: true } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('WINDOW_EXISTS');

    expect((await t.admin.request('DELETE', `/api/windows/${created.body.id}`)).status).toBe(204);
    expect((await t.admin.get<ErrorBody>(`/api/windows/${created.body.id}`)).body.code).toBe('WINDOW_NOT_FOUND');
  });

  it.each([
    [{ ...sundayBerlin, cron: '0 2 * * * *' }, 'WINDOW_INVALID_CRON', 'cron'],
    [{ ...sundayBerlin, timeZone: 'Europe/Atlantis' }, 'WINDOW_INVALID_TIMEZONE', 'timeZone'],
    [{ ...sundayBerlin, durationMinutes: 1.5 }, 'WINDOW_INVALID_DURATION', 'durationMinutes'],
    [{ ...sundayBerlin, durationMinutes: 10 }, 'WINDOW_TOO_SHORT', 'durationMinutes'],
    [{ kind: 'one-off', startsAt: '2030-01-31T05:00:00Z', endsAt: '2030-01-31T02:00:00Z' }, 'WINDOW_INVALID_RANGE', 'endsAt'],
  ])('refuses %j with 400 %s and creates nothing', async (spec, code, field) => {
    const r = await t.admin.post<ErrorBody>('/api/windows', { name: 'bad', ...spec, selector: { allHosts: true } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code, details: { field } });
    expect((await t.admin.get<WindowBody[]>('/api/windows')).body).toEqual([]);
  });

  it('refuses a selector that names no host set, and raises the minimum with the setting', async () => {
    const empty = await t.admin.post<ErrorBody>('/api/windows', { name: 'nobody', ...sundayBerlin, selector: {} });
    expect(empty.body.code).toBe('WINDOW_EMPTY_SELECTOR');
    expect((await t.admin.request('PUT', '/api/settings', { rebootMinRemainingMinutes: 240 })).status).toBe(200);
    const short = await t.admin.post<ErrorBody>('/api/windows', { name: 'short', ...sundayBerlin, selector: { allHosts: true } });
    expect(short.body.code).toBe('WINDOW_TOO_SHORT');
    await t.admin.request('PUT', '/api/settings', { rebootMinRemainingMinutes: 15 });
    expect((await t.admin.get<WindowBody[]>('/api/windows')).body).toEqual([]);
  });

  it('previews an unsaved window without storing it', async () => {
    const r = await t.admin.post<WindowBody>('/api/windows/preview', {
      kind: 'one-off', startsAt: '2099-03-01T22:00:00+01:00', endsAt: '2099-03-02T01:00:00+01:00', timeZone: 'Europe/Berlin', selector: { labels: { site: 'fra' } },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      description: 'Once, from Mar 1, 2099, 22:00 to Mar 2, 2099, 01:00 (Europe/Berlin)',
      selectorDescription: 'site=fra',
      nextOpenings: [{ start: '2099-03-01T21:00:00.000Z', end: '2099-03-02T00:00:00.000Z' }],
      hostCount: 2,
    });
    const bad = await t.admin.post<ErrorBody>('/api/windows/preview', { ...sundayBerlin, cron: 'every sunday', selector: { allHosts: true } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('WINDOW_INVALID_CRON');
    expect((await t.admin.get<WindowBody[]>('/api/windows')).body).toEqual([]);
  });

  it('lists the hosts a window covers, paged, and gates reboots by the merged windows', async () => {
    const nightly = await t.admin.post<WindowBody>('/api/windows', { name: 'fra-nightly', kind: 'recurring', cron: '0 1 * * *', durationMinutes: 60, timeZone: 'UTC', selector: { labels: { site: 'fra' } } });
    const prod = await t.admin.post<WindowBody>('/api/windows', { name: 'prod-late', kind: 'recurring', cron: '0 2 * * *', durationMinutes: 60, timeZone: 'UTC', selector: { groups: ['prod'] } });
    expect([nightly.status, prod.status]).toEqual([201, 201]);
    const page = await t.admin.get<{ items: { name: string }[]; total: number }>(`/api/windows/${nightly.body.id}/hosts?page=2&pageSize=1`);
    expect(page.body.total).toBe(2);
    expect(page.body.items.map((h) => h.name)).toEqual(['web-1']);

    const windows = t.app.get(WindowsService);
    const db1 = { labels: { role: 'db', site: 'fra' }, group: 'prod' };
    const at = (hhmm: string) => new Date(`2031-05-06T${hhmm}:00Z`);
    // db-1 is in both windows: 01:00-02:00 and 02:00-03:00 merge into 01:00-03:00.
    expect(await windows.rebootGate(db1, at('01:30'))).toEqual({ allowed: true, basis: 'inside-window', closesAt: at('03:00') });
    expect(await windows.rebootGate(db1, at('02:50'))).toEqual({ allowed: false, reason: 'not-enough-time', nextStart: new Date('2031-05-07T01:00:00Z') });
    expect(await windows.rebootGate(db1, at('12:00'))).toEqual({ allowed: false, reason: 'outside-window', nextStart: new Date('2031-05-07T01:00:00Z') });
    // web-1 only has 01:00-02:00: at 01:50 ten minutes are left, below the 15-minute minimum.
    expect(await windows.rebootGate({ labels: { site: 'fra' }, group: 'staging' }, at('01:50'))).toMatchObject({ allowed: false, reason: 'not-enough-time' });
    expect(await windows.rebootGate({ labels: {}, group: null }, at('12:00'))).toEqual({ allowed: true, basis: 'unrestricted', closesAt: null });
    expect(await windows.nextOpeningForHost(db1, at('12:00'))).toEqual({ start: new Date('2031-05-07T01:00:00Z'), end: new Date('2031-05-07T03:00:00Z') });
    const previews = await windows.openingsForHosts([{ id: 'a', ...db1 }, { id: 'b', labels: {}, group: null }], at('00:00'), new Date('2031-05-08T00:00:00Z'));
    expect(previews.get('a')).toEqual({ unrestricted: false, openings: [
      { start: at('01:00'), end: at('03:00') },
      { start: new Date('2031-05-07T01:00:00Z'), end: new Date('2031-05-07T03:00:00Z') },
    ] });
    expect(previews.get('b')).toEqual({ unrestricted: true, openings: [] });

    // Disabling a window takes effect at once (the cache is dropped on window.* events).
    await t.admin.request('PATCH', `/api/windows/${prod.body.id}`, { enabled: false });
    expect(await windows.rebootGate(db1, at('02:30'))).toMatchObject({ allowed: false, reason: 'outside-window' });

    const host = await prisma.host.findUniqueOrThrow({ where: { name: 'db-1' } });
    const mine = await t.admin.get<{ windows: { name: string }[]; nextOpening: unknown; rebootNow: { allowed: boolean } }>(`/api/hosts/${host.id}/windows`);
    expect(mine.status).toBe(200);
    expect(mine.body.windows.map((w) => w.name)).toEqual(['fra-nightly']);
    expect(mine.body.nextOpening).not.toBeNull();
    expect((await t.admin.get<ErrorBody>('/api/hosts/00000000-0000-4000-8000-000000000000/windows')).status).toBe(404);
  });
});

describe('revision quarantine', () => {
  let registry: TestRegistry;
  let fleet: Fleet;
  let t: TestApp;

  beforeAll(async () => {
    registry = await startRegistry();
    await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '42.1' });
    fleet = await startFleet({ count: 1, registry: { url: registry.url }, image: `${registry.host}/fleet/os:stable`, rebootDelayMs: 50 });
    t = await startTestApp({ env: { BOOTFLEET_SSH_CONNECT_TIMEOUT_MS: '2000' } });
  });

  afterAll(async () => {
    await t?.close();
    await fleet?.stop();
    await registry?.stop();
  });

  it('flags hosts booted on a quarantined revision, refuses it to rollouts, and clears on release', async () => {
    const reg = await t.admin.post<{ id: string }>('/api/registries', { name: 'local', url: registry.url });
    const image = await t.admin.post<{ id: string; current: { id: string; digest: string }[] }>('/api/images', { registryId: reg.body.id, repository: 'fleet/os', tag: 'stable' });
    const revision = image.body.current[0]!;
    const node = fleet.inventory[0]!;
    const host = await t.admin.post<{ id: string; attention: string[] }>('/api/hosts', {
      name: node.name, address: node.address, port: node.port, user: node.user, fingerprint: node.hostKeyFingerprint,
      credential: { kind: 'private-key', privateKey: await readFile(fleet.keyPath, 'utf8') },
    });
    expect(host.status).toBe(201);
    expect(host.body.attention).not.toContain('quarantined-revision');

    const path = `/api/images/${image.body.id}/revisions/${revision.id}/quarantine`;
    expect((await t.admin.post<ErrorBody>(path, { reason: '' })).status).toBe(400);
    const q = await t.admin.post<{ quarantined: boolean; quarantineReason: string }>(path, { reason: 'kernel panic on boot' });
    expect(q.status).toBe(201);
    expect(q.body).toMatchObject({ quarantined: true, quarantineReason: 'kernel panic on boot', digest: revision.digest });

    const hostFlags = async () => (await t.admin.get<{ attention: string[] }>(`/api/hosts/${host.body.id}`)).body.attention;
    await until('host flagged', hostFlags, (a) => a.includes('quarantined-revision'));
    const timeline = await t.admin.get<{ id: string; quarantined: boolean; quarantineReason: string | null }[]>(`/api/images/${image.body.id}/revisions`);
    expect(timeline.body.find((r) => r.id === revision.id)).toMatchObject({ quarantined: true, quarantineReason: 'kernel panic on boot' });

    const quarantine = t.app.get(QuarantineService);
    await expect(quarantine.assertNotQuarantined(revision.digest)).rejects.toMatchObject({ code: 'REVISION_QUARANTINED', status: 409 });
    expect(await quarantine.isQuarantined('sha256:0000')).toBe(false);

    // A refresh reads the real booted digest and keeps the flag.
    expect(await t.app.get(HostRefreshService).refresh(host.body.id)).toBe('refreshed');
    expect(await hostFlags()).toContain('quarantined-revision');

    expect((await t.admin.request<{ quarantined: boolean }>('DELETE', path)).body.quarantined).toBe(false);
    await until('flag cleared', hostFlags, (a) => !a.includes('quarantined-revision'));
    await expect(quarantine.assertNotQuarantined(revision.digest)).resolves.toBeUndefined();
    expect((await t.admin.post<ErrorBody>(`/api/images/${image.body.id}/revisions/00000000-0000-4000-8000-000000000000/quarantine`, { reason: 'x' })).body.code).toBe('UNKNOWN_REVISION');
  });
});
