import { type Fleet, startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import pg from 'pg';
import type { BenchServer } from './bench-server';

const DEADLINE_MS = 180_000;

export interface SimulatedFleet {
  registry: TestRegistry;
  fleet: Fleet;
  stop(): Promise<void>;
}

export async function startSimulatedFleet(count: number): Promise<SimulatedFleet> {
  const registry = await startRegistry();
  try {
    await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.0' });
    const fleet = await startFleet({ count, registry: { url: registry.url }, image: `${registry.host}/fleet/os:stable`, addressPrefix: '127.160' });
    return {
      registry,
      fleet,
      async stop() {
        await fleet.stop();
        await registry.stop();
      },
    };
  } catch (err) {
    await registry.stop();
    throw err;
  }
}

/**
 * Makes the simulated hosts enrolled hosts of the server: the server's fleet key in each host's
 * ~/.ssh/authorized_keys (what a password enrollment leaves behind), and one row per host with the
 * host key pinned. Enrollment itself is not what is measured.
 */
export async function registerFleet(server: BenchServer, databaseUrl: string, sim: SimulatedFleet): Promise<void> {
  const key = (await (await fetch(`${server.baseUrl}/api/settings/fleet-key`, { headers: server.headers })).json()) as { publicKey: string };
  for (const node of sim.fleet.nodes) node.host.fs.write(`/home/${node.user}/.ssh/authorized_keys`, `${key.publicKey.trim()}\n`, 0o600, { createParents: true });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DELETE FROM hosts');
    for (const e of sim.fleet.inventory) {
      await client.query(
        `INSERT INTO hosts (id, name, address, port, ssh_user, credential_kind, host_key_fingerprint, status, enrolled_at, updated_at, next_refresh_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, 'fleet_key', $5, 'online', now(), now(), now() + interval '1 day')`,
        [e.name, e.address, e.port, e.user, e.hostKeyFingerprint],
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * `POST /api/hosts/refresh`, then wait until every host's lastRefreshAt is past the start. The first
 * pass opens every SSH connection (cold); a second pass reuses the server's pooled connections (warm).
 */
export async function measureRefresh(server: BenchServer, databaseUrl: string, expected: number): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = new Date();
    const t0 = performance.now();
    const res = await fetch(`${server.baseUrl}/api/hosts/refresh`, { method: 'POST', headers: server.headers });
    if (res.status !== 202) throw new Error(`POST /api/hosts/refresh: ${res.status} ${await res.text()}`);
    const { queued } = (await res.json()) as { queued: number };
    const queuedAfterSeconds = Math.round((performance.now() - t0) / 100) / 10;
    for (;;) {
      const { rows } = await client.query<{ done: string; online: string; failed: string }>(
        `SELECT count(*) FILTER (WHERE last_refresh_at >= $1) AS done, count(*) FILTER (WHERE last_refresh_at >= $1 AND last_error IS NULL) AS online, count(*) FILTER (WHERE last_refresh_at >= $1 AND last_error IS NOT NULL) AS failed FROM hosts`,
        [started],
      );
      const row = rows[0] as { done: string; online: string; failed: string };
      if (Number(row.done) >= expected) {
        return { hosts: expected, queued, queuedAfterSeconds, seconds: Math.round((performance.now() - t0) / 100) / 10, refreshedOk: Number(row.online), refreshFailed: Number(row.failed) };
      }
      if (performance.now() - t0 > DEADLINE_MS) throw new Error(`only ${row.done} of ${expected} hosts refreshed within ${DEADLINE_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
}

