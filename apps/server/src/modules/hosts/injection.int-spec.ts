import { readFile } from 'node:fs/promises';
import { type Fleet, startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INJECTION_CORPUS } from '../../testing/injection-corpus';
import { startTestApp, type TestApp } from '../../testing/test-app';

// Every hostile value, through every input of the host-facing API that could reach a host command
// or a stored host record: each is refused with a 4xx (never a 500), or stored as inert data, and
// the simulated host receives no command it would not have received anyway.

const ALLOWED_COMMAND = /^(sudo -n -- )?(bootc |systemctl |cat |uname |true$|sh -c 'umask 077)/;

describe('hostile input to the hosts API', () => {
  let registry: TestRegistry;
  let fleet: Fleet;
  let t: TestApp;
  let privateKey: string;
  let hostId: string;

  beforeAll(async () => {
    registry = await startRegistry();
    await pushTestImage(registry, { repository: 'fleet/inj', tag: 'stable', version: '1.0' });
    fleet = await startFleet({ count: 1, namePrefix: 'inj-', addressPrefix: '127.107', registry: { url: registry.url }, image: `${registry.host}/fleet/inj:stable` });
    privateKey = await readFile(fleet.keyPath, 'utf8');
    t = await startTestApp({ env: { BOOTFLEET_SSH_CONNECT_TIMEOUT_MS: '2000' } });
    const entry = fleet.inventory[0]!;
    const host = await t.admin.post<{ id: string }>('/api/hosts', {
      name: entry.name,
      address: entry.address,
      port: entry.port,
      user: entry.user,
      fingerprint: entry.hostKeyFingerprint,
      credential: { kind: 'private-key', privateKey },
    });
    expect(host.status).toBe(201);
    hostId = host.body.id;
  });

  afterAll(async () => {
    await t?.close();
    await fleet?.stop();
    await registry?.stop();
  });

  function enrollment(field: string, value: string): Record<string, unknown> {
    const entry = fleet.inventory[0]!;
    const body: Record<string, unknown> = {
      name: 'inj-other',
      address: entry.address,
      port: entry.port,
      user: entry.user,
      fingerprint: entry.hostKeyFingerprint,
      credential: { kind: 'private-key', privateKey },
    };
    if (field === 'label key') body.labels = { [value]: 'x' };
    else if (field === 'label value') body.labels = { env: value };
    else body[field] = value;
    return body;
  }

  it('refuses or neutralises every corpus value in every input, and the host sees nothing new', async () => {
    const host = fleet.nodes[0]!.host;
    const before = host.records.length;
    const outcomes: string[] = [];
    for (const c of INJECTION_CORPUS) {
      const requests: [string, string, string, unknown][] = [
        ...['name', 'address', 'user', 'group', 'fingerprint', 'label key', 'label value'].map(
          (field): [string, string, string, unknown] => [`enroll ${field}`, 'POST', '/api/hosts', enrollment(field, c.value)],
        ),
        ['probe address', 'POST', '/api/hosts/probe', { address: c.value, port: 22 }],
        ['label update', 'PATCH', `/api/hosts/${hostId}`, { labels: { env: c.value } }],
        ['group update', 'PATCH', `/api/hosts/${hostId}`, { group: c.value }],
        ['list search', 'GET', `/api/hosts?q=${encodeURIComponent(c.value.slice(0, 200))}&label=${encodeURIComponent(`env=${c.value.slice(0, 100)}`)}`, undefined],
        ['import preview', 'POST', '/api/hosts/import/preview', { text: `${c.value} name-x` }],
        ['stage digest', 'POST', `/api/hosts/${hostId}/actions/stage`, { target: { digest: c.value } }],
        ['key approval', 'POST', `/api/hosts/${hostId}/approve-host-key`, { fingerprint: c.value }],
      ];
      for (const [what, method, path, body] of requests) {
        const r = await t.admin.request<{ code?: string }>(method, path, body);
        expect(r.status, `${what} with ${c.category}: ${c.name} answered ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`).toBeLessThan(500);
        if (r.status < 400) outcomes.push(`${what}: ${c.name}`);
      }
    }
    // What was accepted is stored as inert data: a label or group value of the allowed alphabet,
    // a search that matched nothing, an import preview listing problems.
    const host1 = (await t.admin.get<{ labels: Record<string, string>; group: string | null }>(`/api/hosts/${hostId}`)).body;
    expect(Object.values(host1.labels).every((v) => /^[A-Za-z0-9._:@+-]*$/.test(v))).toBe(true);
    // A label value such as "." is harmless data of the label alphabet; nothing else enrolls.
    expect(outcomes.filter((o) => o.startsWith('enroll') && !o.startsWith('enroll label value'))).toEqual([]);
    const all = (await t.admin.get<{ items: { labels: Record<string, string> }[] }>('/api/hosts?pageSize=500')).body.items;
    expect(all.flatMap((h) => Object.values(h.labels)).every((v) => /^[A-Za-z0-9._:@+-]*$/.test(v))).toBe(true);
    expect(outcomes.filter((o) => o.startsWith('stage'))).toEqual([]);

    const newCommands = host.records.slice(before).map((r) => r.line);
    for (const line of newCommands) expect(line).toMatch(ALLOWED_COMMAND);
    for (const c of INJECTION_CORPUS.filter((x) => x.value.length >= 3 && x.value.trim())) {
      for (const line of newCommands) expect(line.includes(c.value), `${c.name} reached the host: ${line}`).toBe(false);
    }
  }, 240_000);
});
