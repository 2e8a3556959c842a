import { readFile } from 'node:fs/promises';
import { type Fleet, startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { hostPageSchema, hostSummarySchema } from './hosts.dto';
import { HostJobs } from './jobs/host-jobs';
import { until } from '../../testing/until';

// Enrollment, listing, refresh, update detection and reachability through the real HTTP API, with
// real SSH to simulated bootc hosts, a real registry and real PostgreSQL.

interface HostBody {
  id: string;
  name: string;
  status: string;
  booted: { digest: string; version: string } | null;
  rollback: unknown;
  timerState: string;
  attention: string[];
  updateAvailable: boolean;
  presentedFingerprint: string | null;
  labels: Record<string, string>;
}

describe('hosts API with simulated hosts', () => {
  let registry: TestRegistry;
  let fleet: Fleet;
  let t: TestApp;
  let privateKey: string;
  let imageId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    registry = await startRegistry();
    await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '42.1' });
    fleet = await startFleet({ count: 4, registry: { url: registry.url }, image: `${registry.host}/fleet/os:stable`, rebootDelayMs: 50 });
    privateKey = await readFile(fleet.keyPath, 'utf8');
    t = await startTestApp({ env: { BOOTFLEET_SSH_CONNECT_TIMEOUT_MS: '2000' } });
    const reg = await t.admin.post<{ id: string }>('/api/registries', { name: 'local', url: registry.url });
    expect(reg.status).toBe(201);
    const image = await t.admin.post<{ id: string }>('/api/images', { registryId: reg.body.id, repository: 'fleet/os', tag: 'stable' });
    expect(image.status).toBe(201);
    imageId = image.body.id;
  });

  afterAll(async () => {
    await t?.close();
    await fleet?.stop();
    await registry?.stop();
  });

  const entry = (i: number) => fleet.inventory[i]!;
  const enrollBody = (i: number, extra: object = {}) => ({
    name: entry(i).name,
    address: entry(i).address,
    port: entry(i).port,
    user: entry(i).user,
    fingerprint: entry(i).hostKeyFingerprint,
    credential: { kind: 'private-key', privateKey },
    ...extra,
  });

  it('shows the presented host key for approval without storing anything', async () => {
    const r = await t.admin.post<{ fingerprint: string; keyType: string }>('/api/hosts/probe', { address: entry(0).address, port: entry(0).port });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ fingerprint: entry(0).hostKeyFingerprint, keyType: 'ssh-ed25519' });
    expect((await t.admin.get<{ total: number }>('/api/hosts')).body.total).toBe(0);
  });

  it('enrolls a host: pins its key, masks the auto-update timer, reads its slots and facts', async () => {
    const r = await t.admin.post<HostBody & { facts: { hostname: string }; timerStateAtEnrollment: string; imageId: string }>(
      '/api/hosts',
      enrollBody(0, { labels: { env: 'prod', site: 'berlin' }, group: 'edge' }),
    );
    expect(r.status).toBe(201);
    ids[entry(0).name] = r.body.id;
    expect(r.body).toMatchObject({ status: 'online', timerState: 'masked', timerStateAtEnrollment: 'enabled', imageId, updateAvailable: false, attention: [] });
    expect(r.body.booted?.version).toBe('42.1');
    expect(r.body.facts.hostname).toBeTruthy();
    const commands = fleet.node(entry(0).name).host.records.map((c) => c.line);
    expect(commands).toContain('sudo -n -- systemctl mask --now bootc-fetch-apply-updates.timer');
    expect(commands).toContain('sudo -n -- bootc status --format=json --format-version=1');
  });

  it('refuses bad enrollments with coded errors and creates nothing', async () => {
    const before = fleet.nodes.map((n) => n.host.records.length);
    const wrongKey = await t.admin.post<{ code: string }>('/api/hosts', enrollBody(1, { fingerprint: entry(2).hostKeyFingerprint }));
    expect(wrongKey.status).toBe(409);
    expect(wrongKey.body.code).toBe('HOST_KEY_MISMATCH');

    const duplicate = await t.admin.post<{ code: string }>('/api/hosts', enrollBody(1, { name: entry(0).name }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('HOST_EXISTS');

    const injected = await t.admin.post<{ code: string; details: { issues: { path: string }[] } }>('/api/hosts', enrollBody(1, { address: '127.0.0.1;reboot', user: 'core$(id)' }));
    expect(injected.status).toBe(400);
    expect(injected.body.code).toBe('VALIDATION_FAILED');
    expect(injected.body.details.issues.map((i) => i.path).sort()).toEqual(['address', 'user']);

    const closedPort = await t.admin.post<{ code: string }>('/api/hosts', enrollBody(1, { port: 1 }));
    expect(closedPort.status).toBe(422);
    expect(closedPort.body.code).toBe('CONNECTION_LOST');

    const badKey = await t.admin.post<{ code: string }>('/api/hosts', enrollBody(1, { credential: { kind: 'private-key', privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----\n' } }));
    expect(badKey.status).toBe(422);
    expect(badKey.body.code).toBe('AUTH_FAILED');

    fleet.node(entry(1).name).host.setFaults({ sudoPassword: true });
    const noSudo = await t.admin.post<{ code: string }>('/api/hosts', enrollBody(1));
    fleet.node(entry(1).name).host.clearFaults();
    expect(noSudo.status).toBe(422);
    expect(noSudo.body.code).toBe('SUDO_REQUIRES_PASSWORD');

    expect((await t.admin.get<{ total: number }>('/api/hosts')).body.total).toBe(1);
    // The failed attempts changed nothing on the hosts: no mask, no bootc call on host 1.
    const host1 = fleet.node(entry(1).name).host.records.slice(before[1]).map((c) => c.line);
    expect(host1.filter((c) => c.includes('mask') || c.includes('bootc'))).toEqual([]);
  });

  it('lists, filters, searches and sorts server-side', async () => {
    for (const i of [1, 2, 3]) {
      const r = await t.admin.post<HostBody>('/api/hosts', enrollBody(i, { labels: { env: i === 3 ? 'staging' : 'prod' } }));
      expect(r.status).toBe(201);
      ids[entry(i).name] = r.body.id;
    }
    const prod = await t.admin.get<{ items: HostBody[]; total: number }>('/api/hosts?label=env%3Dprod&sort=name&order=desc');
    expect(prod.body.total).toBe(3);
    expect(prod.body.items.map((h) => h.name)).toEqual([entry(2).name, entry(1).name, entry(0).name]);
    // The list is sent without runtime re-validation: it must still match its schema, and carry nothing else.
    expect(hostPageSchema.safeParse(prod.body).error).toBeUndefined();
    for (const item of prod.body.items) expect(Object.keys(item).sort()).toEqual(Object.keys(hostSummarySchema.shape).sort());
    const both = await t.admin.get<{ total: number }>('/api/hosts?label=env%3Dprod&label=site%3Dberlin');
    expect(both.body.total).toBe(1);
    const search = await t.admin.get<{ items: HostBody[] }>(`/api/hosts?q=${entry(3).name}`);
    expect(search.body.items.map((h) => h.name)).toEqual([entry(3).name]);
    const paged = await t.admin.get<{ items: HostBody[]; total: number }>('/api/hosts?pageSize=2&page=2&sort=name');
    expect(paged.body).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(paged.body.items.map((h) => h.name)).toEqual([entry(2).name, entry(3).name]);
    expect((await t.admin.get('/api/hosts?pageSize=2&page=9')).body).toMatchObject({ items: [], total: 4, page: 9 });
    expect((await t.admin.get('/api/hosts?q=no-such-host')).body).toMatchObject({ items: [], total: 0, page: 1 });
    const bad = await t.admin.get<{ code: string }>('/api/hosts?label=no-equals&sort=password');
    expect(bad.status).toBe(400);
  });

  it('lists each host as its row is now, whoever changed it, and the rest as they were', async () => {
    const before = await t.admin.get<{ items: HostBody[] }>('/api/hosts?sort=name');
    expect(before.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const target = before.body.items[1]!;
    // Straight SQL, as an operator's psql would: no updated_at, no event; only the row itself changes.
    const db = new pg.Client({ connectionString: t.db.url });
    await db.connect();
    const set = (version: string | undefined, labels: object) => db.query('UPDATE hosts SET booted_version = $2, labels = $3 WHERE id = $1', [target.id, version, JSON.stringify(labels)]);
    try {
      await set('99.9', { env: 'lab' });
      const after = await t.admin.get<{ items: HostBody[] }>('/api/hosts?sort=name');
      expect(after.body.items[1]).toEqual({ ...target, booted: { ...target.booted, version: '99.9' }, labels: { env: 'lab' } });
      expect(after.body.items.filter((_, i) => i !== 1)).toEqual(before.body.items.filter((_, i) => i !== 1));
      expect(hostPageSchema.safeParse(after.body).error).toBeUndefined();
      await set(target.booted?.version, target.labels);
      expect((await t.admin.get<{ items: HostBody[] }>('/api/hosts?sort=name')).body).toEqual(before.body);
    } finally {
      await db.end();
    }
  });

  it('sees a new revision of the tracked tag as "update available"', async () => {
    await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '42.2' });
    const refresh = await t.admin.post(`/api/images/${imageId}/refresh`);
    expect(refresh.status).toBeLessThan(300);
    const page = await until(
      'update available on every host',
      () => t.admin.get<{ items: HostBody[]; total: number }>('/api/hosts?updateAvailable=true'),
      (r) => r.body.total === 4,
    );
    expect(page.body.items.every((h) => h.booted?.version === '42.1')).toBe(true);
    const usage = await t.admin.get<{ items: { version: string; hosts: number }[] }>(`/api/images/${imageId}/revision-usage`);
    expect(usage.body.items).toEqual([{ digest: expect.stringMatching(/^sha256:/), version: '42.1', hosts: 4 }]);
  });

  it('re-masks a timer someone unmasked and records it in the history', async () => {
    const name = entry(1).name;
    const host = fleet.node(name).host;
    host.setBootcState({ ...host.bootcState, autoUpdateTimer: 'enabled' });
    expect((await t.admin.post(`/api/hosts/${ids[name]}/refresh`)).status).toBe(202);
    const history = await until(
      'timer event',
      () => t.admin.get<{ items: { kind: string; summary: string }[] }>(`/api/hosts/${ids[name]}/history`),
      (r) => r.body.items.some((e) => e.kind === 'timer'),
    );
    expect(history.body.items[0]).toMatchObject({ kind: 'timer', summary: expect.stringMatching(/masked it again/) });
    expect(host.bootcState.autoUpdateTimer).toBe('masked');
  });

  it('marks a host unreachable after repeated failures, and back when it answers', async () => {
    const name = entry(3).name;
    const node = fleet.node(name);
    node.host.setFaults({ unreachable: true });
    const jobs = t.app.get(HostJobs);
    const detail = () => t.admin.get<HostBody & { consecutiveFailures: number }>(`/api/hosts/${ids[name]}`);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await jobs.queue([ids[name]!]);
      await until(`failure ${attempt}`, detail, (r) => r.body.consecutiveFailures >= attempt, 60_000);
    }
    const down = await detail();
    expect(down.body.status).toBe('unreachable');
    expect(down.body.attention).toContain('unreachable');
    node.host.clearFaults();
    await jobs.queue([ids[name]!]);
    const up = await until('back online', detail, (r) => r.body.status === 'online', 60_000);
    expect(up.body.attention).not.toContain('unreachable');
  }, 240_000);

  it('blocks a host whose key changed until an operator approves the presented key', async () => {
    const name = entry(2).name;
    const node = fleet.node(name);
    // A reinstalled host: new key, and the reboot drops the connection bootfleet holds open.
    node.ssh.rotateHostKey();
    node.host.goDown('reboot');
    const presented = node.ssh.hostKeyFingerprint;
    await until('host back up', async () => node.host.powerState, (p) => p === 'up');
    await t.admin.post(`/api/hosts/${ids[name]}/refresh`);
    const blocked = await until('key change noticed', () => t.admin.get<HostBody>(`/api/hosts/${ids[name]}`), (r) => r.body.presentedFingerprint !== null);
    expect(blocked.body.presentedFingerprint).toBe(presented);
    expect(blocked.body.attention[0]).toBe('host-key-changed');
    const commandsWhileBlocked = node.host.records.length;
    await t.admin.post(`/api/hosts/${ids[name]}/refresh`);
    await new Promise((r) => setTimeout(r, 1500));
    expect(node.host.records.length).toBe(commandsWhileBlocked);

    const typo = await t.admin.post<{ code: string }>(`/api/hosts/${ids[name]}/approve-host-key`, { fingerprint: entry(0).hostKeyFingerprint });
    expect(typo.status).toBe(409);
    const approved = await t.admin.post<HostBody>(`/api/hosts/${ids[name]}/approve-host-key`, { fingerprint: presented });
    expect(approved.status).toBe(200);
    expect(approved.body.attention).not.toContain('host-key-changed');
    await until('refreshed with the new key', () => t.admin.get<HostBody & { lastError: unknown }>(`/api/hosts/${ids[name]}`), (r) => r.body.status === 'online' && r.body.lastError === null);
  });
});
