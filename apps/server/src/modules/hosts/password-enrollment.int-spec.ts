import { type Fleet, startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaService } from '../../infra/prisma/prisma.service';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { until } from '../../testing/until';

// Enrollment by password: the password is used once to install the fleet key in the login user's
// ~/.ssh/authorized_keys, then forgotten. The simulated sshd reads authorized_keys as OpenSSH does.

const PASSWORD = 'enroll-once-Pw7-unique-marker';

interface HostBody {
  id: string;
  status: string;
  credentialKind: string;
  lastRefreshAt: string | null;
  lastError: { code: string } | null;
  consecutiveFailures: number;
}

describe('enrollment by password', () => {
  let registry: TestRegistry;
  let fleet: Fleet;
  let t: TestApp;

  beforeAll(async () => {
    registry = await startRegistry();
    await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '7.0' });
    fleet = await startFleet({ count: 2, registry: { url: registry.url }, image: `${registry.host}/fleet/os:stable`, password: PASSWORD, addressPrefix: '127.101', rebootDelayMs: 50 });
    t = await startTestApp({ env: { BOOTFLEET_SSH_CONNECT_TIMEOUT_MS: '2000' } });
  });

  afterAll(async () => {
    await t?.close();
    await fleet?.stop();
    await registry?.stop();
  });

  const body = (i: number, password: string) => {
    const entry = fleet.inventory[i]!;
    return { name: entry.name, address: entry.address, port: entry.port, user: entry.user, fingerprint: entry.hostKeyFingerprint, credential: { kind: 'password', password } };
  };
  const authorizedKeys = (i: number) => fleet.nodes[i]!.host.fs.read(`/home/${fleet.nodes[i]!.user}/.ssh/authorized_keys`);

  it('refuses a wrong password with a coded error and leaves nothing behind', async () => {
    const r = await t.admin.post<{ code: string }>('/api/hosts', body(1, 'not-the-password'));
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('AUTH_FAILED');
    expect(authorizedKeys(1)).toBeUndefined();
    expect((await t.admin.get<{ total: number }>('/api/hosts')).body.total).toBe(0);
  });

  it('installs the fleet key, refreshes with it afterwards, and stores the password nowhere', async () => {
    const fleetKey = await t.admin.get<{ publicKey: string }>('/api/settings/fleet-key');
    const enrolled = await t.admin.post<HostBody>('/api/hosts', body(0, PASSWORD));
    expect(enrolled.status).toBe(201);
    expect(enrolled.body).toMatchObject({ status: 'online', credentialKind: 'fleet_key' });
    expect(authorizedKeys(0)).toBe(`${fleetKey.body.publicKey.trim()}\n`);
    const commands = fleet.nodes[0]!.host.records.map((r) => r.line);
    expect(commands).toContain('cat .ssh/authorized_keys');

    // A later refresh reaches the host with the fleet key alone...
    const id = enrolled.body.id;
    const detail = () => t.admin.get<HostBody>(`/api/hosts/${id}`);
    const enrolledAt = enrolled.body.lastRefreshAt!;
    expect((await t.admin.post(`/api/hosts/${id}/refresh`)).status).toBe(202);
    const refreshed = await until('refreshed', detail, (r) => r.body.lastRefreshAt! > enrolledAt);
    expect(refreshed.body).toMatchObject({ status: 'online', lastError: null });
    // ...and fails without it: the password is not used as a fallback. A reboot drops the pooled
    // connection, so the next refresh has to sign in again.
    const host = fleet.nodes[0]!.host;
    host.fs.remove(`/home/${fleet.nodes[0]!.user}/.ssh/authorized_keys`);
    host.goDown('reboot');
    await until('host back up', async () => host.powerState, (p) => p === 'up');
    expect((await t.admin.post(`/api/hosts/${id}/refresh`)).status).toBe(202);
    const refused = await until('refused without the fleet key', detail, (r) => r.body.consecutiveFailures > 0);
    expect(refused.body.lastError?.code).toBe('AUTH_FAILED');

    // Every row of every table, as text: no trace of the password anywhere.
    const prisma = t.app.get(PrismaService);
    const tables = await prisma.$queryRaw<{ name: string }[]>`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
    expect(tables.map((x) => x.name)).toContain('hosts');
    for (const { name } of tables) {
      const rows = await prisma.$queryRawUnsafe<{ text: string | null }[]>(`SELECT string_agg(row_to_json(t)::text, '') AS text FROM "${name.replace(/"/g, '""')}" t`);
      expect(rows[0]?.text ?? '', `table ${name}`).not.toContain(PASSWORD);
    }
  });
});
