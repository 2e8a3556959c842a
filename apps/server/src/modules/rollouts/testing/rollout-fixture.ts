import { readFile } from 'node:fs/promises';
import { type Fleet, type FleetOptions, startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import type { ApiClient } from '../../../testing/test-app';

export interface RolloutWorld {
  registry: TestRegistry;
  fleet: Fleet;
  /** Digest the fleet booted with, and the new revision to roll out. */
  oldDigest: string;
  newDigest: string;
  stop(): Promise<void>;
}

/** A registry with two revisions of `fleet/os:stable` and a fleet booted from the first. */
export async function startRolloutWorld(count: number, fleetOptions: Partial<FleetOptions> = {}): Promise<RolloutWorld> {
  const registry = await startRegistry();
  const old = await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '42.1' });
  const fleet = await startFleet({ count, registry: { url: registry.url }, image: `${registry.host}/fleet/os:stable`, rebootDelayMs: 50, ...fleetOptions });
  const fresh = await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '42.2' });
  return {
    registry,
    fleet,
    oldDigest: old.digest,
    newDigest: fresh.digest,
    async stop() {
      await fleet.stop();
      await registry.stop();
    },
  };
}

async function expectStatus<T>(what: string, call: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const r = await call;
  if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Registers the registry and image, enrolls every fleet host; returns host ids by name and the new revision's id. */
export async function enrollWorld(api: ApiClient, world: RolloutWorld): Promise<{ hostIds: Record<string, string>; imageId: string; newRevisionId: string }> {
  const privateKey = await readFile(world.fleet.keyPath, 'utf8');
  const reg = await expectStatus('registry', api.post<{ id: string }>('/api/registries', { name: 'local', url: world.registry.url }), 201);
  const image = await expectStatus('image', api.post<{ id: string }>('/api/images', { registryId: reg.id, repository: 'fleet/os', tag: 'stable' }), 201);
  const hostIds: Record<string, string> = {};
  const entries = [...world.fleet.inventory];
  // A few enrollments at a time: each is an SSH round trip and a status read.
  while (entries.length) {
    await Promise.all(
      entries.splice(0, 10).map(async (e) => {
        const body = { name: e.name, address: e.address, port: e.port, user: e.user, fingerprint: e.hostKeyFingerprint, credential: { kind: 'private-key', privateKey } };
        hostIds[e.name] = (await expectStatus(`enroll ${e.name}`, api.post<{ id: string }>('/api/hosts', body), 201)).id;
      }),
    );
  }
  const revisions = await expectStatus('revisions', api.get<{ id: string; digest: string }[] | { items: { id: string; digest: string }[] }>(`/api/images/${image.id}/revisions`), 200);
  const list = Array.isArray(revisions) ? revisions : revisions.items;
  const revision = list.find((r) => r.digest === world.newDigest);
  if (!revision) throw new Error(`revision ${world.newDigest} not tracked: ${JSON.stringify(list)}`);
  return { hostIds, imageId: image.id, newRevisionId: revision.id };
}

export { until } from '../../../testing/until';

/** Full reboots each host went through (commands that took the machine down). */
export function rebootsOf(fleet: Fleet, name: string): number {
  return fleet.node(name).host.records.filter((r) => r.reboot).length;
}
