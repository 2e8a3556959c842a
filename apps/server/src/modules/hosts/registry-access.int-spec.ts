import { readFile } from 'node:fs/promises';
import { type Fleet, startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/test-app';

// A stock host (no registry credentials, no trust for a plain-HTTP registry) cannot pull from a
// password-protected registry until bootfleet pushes the registry's settings to it.

interface Preflight {
  canPull: boolean;
  checks: { name: string; ok: boolean | null; detail: string }[];
}

describe('registry credentials on hosts', () => {
  let registry: TestRegistry;
  let fleet: Fleet;
  let t: TestApp;
  let registryId: string;
  let imageId: string;
  let hostId: string;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'basic' });
    await pushTestImage(registry, { repository: 'fleet/private', tag: 'stable', version: '7.0' });
    fleet = await startFleet({
      count: 1,
      namePrefix: 'stock-',
      addressPrefix: '127.106',
      registry: { url: registry.url, credentials: { username: registry.username!, password: registry.password! } },
      image: `${registry.host}/fleet/private:stable`,
      provision: { trustRegistry: false, credentials: false },
    });
    t = await startTestApp({ env: { BOOTFLEET_SSH_CONNECT_TIMEOUT_MS: '2000' } });
    const reg = await t.admin.post<{ id: string }>('/api/registries', {
      name: 'private',
      url: registry.url,
      credentials: { kind: 'basic', username: registry.username, password: registry.password },
    });
    expect(reg.status).toBe(201);
    registryId = reg.body.id;
    const image = await t.admin.post<{ id: string }>('/api/images', { registryId, repository: 'fleet/private', tag: 'stable' });
    expect(image.status).toBe(201);
    imageId = image.body.id;
    const entry = fleet.inventory[0]!;
    const host = await t.admin.post<{ id: string }>('/api/hosts', {
      name: entry.name,
      address: entry.address,
      port: entry.port,
      user: entry.user,
      fingerprint: entry.hostKeyFingerprint,
      credential: { kind: 'private-key', privateKey: await readFile(fleet.keyPath, 'utf8') },
    });
    expect(host.status).toBe(201);
    hostId = host.body.id;
  });

  afterAll(async () => {
    await t?.close();
    await fleet?.stop();
    await registry?.stop();
  });

  it('finds a stock host unable to pull, and says why', async () => {
    const r = await t.admin.post<Preflight>(`/api/hosts/${hostId}/preflight`, { imageId });
    expect(r.status).toBe(200);
    expect(r.body.canPull).toBe(false);
    expect(Object.fromEntries(r.body.checks.map((c) => [c.name, c.ok]))).toEqual({ reachable: true, credentials: false, trust: false, pull: false });
  });

  it('pushes the credentials and the insecure drop-in; the host can pull then', async () => {
    const push = await t.admin.post<{ results: { hostId: string; ok: boolean; error: unknown }[] }>(`/api/registries/${registryId}/push-to-hosts`, { hostIds: [hostId] });
    expect(push.status).toBe(200);
    expect(push.body.results).toEqual([{ hostId, name: fleet.inventory[0]!.name, ok: true, error: null }]);

    const files = fleet.nodes[0]!.host.fs;
    expect(files.stat('/etc/ostree/auth.json')).toEqual({ kind: 'file', mode: 0o600 });
    const auth = JSON.parse(files.read('/etc/ostree/auth.json')!) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(auth.auths[registry.host]!.auth, 'base64').toString()).toBe(`${registry.username}:${registry.password}`);

    const r = await t.admin.post<Preflight>(`/api/hosts/${hostId}/preflight`, { imageId });
    expect(r.body).toMatchObject({ canPull: true });
    expect(r.body.checks.every((c) => c.ok === true)).toBe(true);
    // The password went to the host through stdin, never on a command line.
    const lines = fleet.nodes[0]!.host.records.map((c) => c.line).join('\n');
    expect(lines).not.toContain(registry.password!);
  });

  it('refuses unknown hosts, viewers and bad input without touching a host', async () => {
    const before = fleet.nodes[0]!.host.records.length;
    expect((await t.admin.post(`/api/registries/${registryId}/push-to-hosts`, { hostIds: [] })).status).toBe(400);
    expect((await t.admin.post<{ code: string }>(`/api/registries/${registryId}/push-to-hosts`, { hostIds: ['00000000-0000-4000-8000-000000000000'] })).body.code).toBe('HOST_NOT_FOUND');
    expect((await t.admin.post(`/api/hosts/${hostId}/preflight`, { imageId: 'x;reboot' })).status).toBe(400);
    expect(fleet.nodes[0]!.host.records.length).toBe(before);
  });
});
