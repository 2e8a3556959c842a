// The CLI end to end (in-process `run`) against a host-sim host: the same flags an operator types.
import { startFleet, type Fleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type PushedImage, type TestRegistry } from '@bootfleet/oci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './cli';
import type { BootcStatus } from './status/bootc-status';

let registry: TestRegistry;
let stable: PushedImage;
let fleet: Fleet;
let hostFlags: string[];

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  stable = await pushTestImage(registry, { repository: 'cli/os', tag: 'stable', version: '1.0' });
  fleet = await startFleet({ count: 1, registry: { url: registry.url }, image: `${registry.host}/cli/os:stable`, addressPrefix: '127.113', rebootDelayMs: 200 });
  const entry = fleet.inventory[0];
  if (!entry) throw new Error('fleet has no host');
  hostFlags = ['--host', `${entry.user}@${entry.address}:${entry.port}`, '--identity', entry.keyPath, '--fingerprint', entry.hostKeyFingerprint];
});

afterAll(async () => {
  await fleet?.stop();
  await registry?.stop();
});

describe('bootfleet-agent', () => {
  it('probes the host key, then reads status with the approved fingerprint', async () => {
    const entry = fleet.inventory[0];
    expect(await run(['probe-host-key', '--host', `${entry?.address}:${entry?.port}`])).toMatchObject({ fingerprint: entry?.hostKeyFingerprint });
    const status = (await run(['status', ...hostFlags])) as BootcStatus;
    expect(status.booted?.digest).toBe(stable.digest);
  });

  it('upgrades with --apply and reports the host back with its new status', async () => {
    const update = await pushTestImage(registry, { repository: 'cli/os', tag: 'stable', version: '1.1' });
    expect(await run(['check', ...hostFlags])).toMatchObject({ available: true, digest: update.digest });
    const result = (await run(['upgrade', '--apply', '--wait-ms', '15000', ...hostFlags])) as { rebooting: boolean; status: BootcStatus };
    expect(result.rebooting).toBe(true);
    expect(result.status.booted?.digest).toBe(update.digest);
  });

  it('masks updates and rejects bad input before connecting', async () => {
    expect(await run(['mask-updates', ...hostFlags])).toEqual({ enablement: 'masked', masked: true });
    await expect(run(['switch', 'NOT A REF', ...hostFlags])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(run(['status', '--host', 'nobody'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
