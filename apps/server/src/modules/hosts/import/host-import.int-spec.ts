import { readFile } from 'node:fs/promises';
import { type Fleet, startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import { startTestApp, type TestApp } from '../../../testing/test-app';
import { until } from '../../../testing/until';

// Bulk enrollment through the HTTP API: preview (parse + probe, nothing stored), then one durable
// job that enrolls every host over real SSH to simulated hosts, with per-host results.

interface PreviewHost {
  name: string;
  fingerprint: string | null;
  fingerprintSource: string;
  probeError: string | null;
  exists: boolean;
  user: string | null;
  labels: Record<string, string>;
}
interface JobBody {
  state: string;
  progress: { total: number; done: number } | null;
  result: { results: { name: string; outcome: string; code: string | null }[] } | null;
  error: { code: string } | null;
}

describe('bulk host import', () => {
  let registry: TestRegistry;
  let fleet: Fleet;
  let t: TestApp;
  let privateKey: string;

  beforeAll(async () => {
    registry = await startRegistry();
    await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '3.0' });
    fleet = await startFleet({ count: 4, registry: { url: registry.url }, image: `${registry.host}/fleet/os:stable`, addressPrefix: '127.102' });
    privateKey = await readFile(fleet.keyPath, 'utf8');
    t = await startTestApp({ env: { BOOTFLEET_SSH_CONNECT_TIMEOUT_MS: '2000' } });
  });

  afterAll(async () => {
    await t?.close();
    await fleet?.stop();
    await registry?.stop();
  });

  const total = async () => (await t.admin.get<{ total: number }>('/api/hosts')).body.total;
  const lines = () => fleet.inventory.slice(2).map((e) => `${e.user}@${e.address}:${e.port} ${e.name} role=db`).join('\n') + '\ncore@127.0.0.1:1 gone\n';

  it('previews a pasted list: probes the host keys it lacks, stores nothing', async () => {
    const r = await t.admin.post<{ format: string; hosts: PreviewHost[]; problems: unknown[] }>('/api/hosts/import/preview', { text: lines(), defaults: { labels: { site: 'lab' } } });
    expect(r.status).toBe(200);
    expect(r.body.format).toBe('lines');
    const [a, b, gone] = r.body.hosts;
    expect(a).toMatchObject({ name: fleet.inventory[2]!.name, fingerprint: fleet.inventory[2]!.hostKeyFingerprint, fingerprintSource: 'probed', exists: false, labels: { site: 'lab', role: 'db' } });
    expect(b?.fingerprint).toBe(fleet.inventory[3]!.hostKeyFingerprint);
    expect(gone).toMatchObject({ name: 'gone', fingerprint: null, fingerprintSource: 'unreachable', probeError: expect.stringContaining('127.0.0.1:1') });
    expect(await total()).toBe(0);
  });

  it('refuses, before anything runs, hosts whose key was not approved or that are invalid', async () => {
    const before = fleet.nodes.map((n) => n.host.records.length);
    const unapproved = await t.admin.post<{ code: string; details: { names: string[] } }>('/api/hosts/import', { text: lines(), credential: { kind: 'private-key', privateKey } });
    expect(unapproved.status).toBe(422);
    expect(unapproved.body.code).toBe('FINGERPRINT_NOT_APPROVED');
    expect(unapproved.body.details.names).toEqual([fleet.inventory[2]!.name, fleet.inventory[3]!.name, 'gone']);
    const invalid = await t.admin.post<{ code: string }>('/api/hosts/import', { text: 'core@bad;address x\n', credential: { kind: 'private-key', privateKey } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('INVENTORY_INVALID');
    expect(fleet.nodes.map((n) => n.host.records.length)).toEqual(before);
    expect(await total()).toBe(0);
  });

  it("imports host-sim's inventory as one job with per-host results, then reports existing hosts", async () => {
    const text = JSON.stringify(fleet.inventory.slice(0, 2));
    const preview = await t.admin.post<{ format: string; hosts: PreviewHost[] }>('/api/hosts/import/preview', { text });
    expect(preview.body.hosts.map((h) => h.fingerprintSource)).toEqual(['inventory', 'inventory']);

    const started = await t.admin.post<{ jobId: string; queued: number }>('/api/hosts/import', { text, credential: { kind: 'private-key', privateKey }, defaults: { labels: { env: 'prod' }, group: 'edge' } });
    expect(started.status).toBe(202);
    expect(started.body.queued).toBe(2);
    const job = await until('import finished', () => t.admin.get<JobBody>(`/api/jobs/${started.body.jobId}`), (r) => r.body.state === 'succeeded' || r.body.state === 'failed');
    expect(job.body.state).toBe('succeeded');
    expect(job.body.progress).toMatchObject({ total: 2, done: 2 });
    expect(job.body.result?.results.map((r) => r.outcome)).toEqual(['enrolled', 'enrolled']);
    const hosts = await t.admin.get<{ items: { name: string; status: string; group: string; labels: Record<string, string>; booted: { version: string } }[] }>('/api/hosts?sort=name');
    expect(hosts.body.items.map((h) => [h.name, h.status, h.group, h.labels.env, h.booted.version])).toEqual([
      [fleet.inventory[0]!.name, 'online', 'edge', 'prod', '3.0'],
      [fleet.inventory[1]!.name, 'online', 'edge', 'prod', '3.0'],
    ]);

    // Again, with one host approved by hand and one already there: the job says which is which.
    const approved = { [fleet.inventory[2]!.name]: fleet.inventory[2]!.hostKeyFingerprint };
    const mixed = `${fleet.inventory[0]!.user}@${fleet.inventory[0]!.address}:${fleet.inventory[0]!.port} ${fleet.inventory[0]!.name}\n${fleet.inventory[2]!.user}@${fleet.inventory[2]!.address}:${fleet.inventory[2]!.port} ${fleet.inventory[2]!.name}\n`;
    const second = await t.admin.post<{ jobId: string }>('/api/hosts/import', {
      text: mixed,
      credential: { kind: 'private-key', privateKey },
      approvedFingerprints: { ...approved, [fleet.inventory[0]!.name]: fleet.inventory[0]!.hostKeyFingerprint },
    });
    expect(second.status).toBe(202);
    const done = await until('second import finished', () => t.admin.get<JobBody>(`/api/jobs/${second.body.jobId}`), (r) => r.body.state === 'succeeded' || r.body.state === 'failed');
    expect(done.body.result?.results.map((r) => [r.outcome, r.code])).toEqual([['exists', 'HOST_EXISTS'], ['enrolled', null]]);
    expect(await total()).toBe(3);
  });

  it('reports a host that cannot be enrolled, and keeps no plaintext credential', async () => {
    const password = 'import-password-Qx8-unique';
    const entry = fleet.inventory[3]!;
    const started = await t.admin.post<{ jobId: string }>('/api/hosts/import', {
      text: JSON.stringify([entry]),
      credential: { kind: 'password', password },
    });
    expect(started.status).toBe(202);
    const job = await until('import finished', () => t.admin.get<JobBody>(`/api/jobs/${started.body.jobId}`), (r) => r.body.state === 'failed' || r.body.state === 'succeeded');
    // The simulated hosts take no password: enrollment fails with the agent's code.
    expect(job.body).toMatchObject({ state: 'failed', error: { code: 'IMPORT_INCOMPLETE' } });
    expect(job.body.result?.results).toEqual([expect.objectContaining({ name: entry.name, outcome: 'failed', code: 'AUTH_FAILED' })]);

    const prisma = t.app.get(PrismaService);
    const tables = await prisma.$queryRaw<{ name: string }[]>`SELECT table_schema::text || '"."' || table_name::text AS name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`;
    expect(tables.map((x) => x.name)).toContain('public"."hosts');
    for (const { name } of tables) {
      const rows = await prisma.$queryRawUnsafe<{ text: string | null }[]>(`SELECT string_agg(row_to_json(t)::text, '') AS text FROM "${name}" t`);
      expect(rows[0]?.text ?? '', `table ${name}`).not.toContain(password);
      expect(rows[0]?.text ?? '', `table ${name}`).not.toContain(privateKey.split('\n')[1]);
    }
  });
});
