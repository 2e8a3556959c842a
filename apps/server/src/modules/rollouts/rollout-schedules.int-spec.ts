import { pushTestImage } from '@bootfleet/oci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/test-app';
import type { RolloutDetailDto, RolloutSummaryDto } from './rollouts.dto';
import { enrollWorld, type RolloutWorld, startRolloutWorld, until } from './testing/rollout-fixture';

// Policies and schedules end to end: real registry, real SSH to simulated hosts, PostgreSQL. Three
// of four hosts carry ring=prod (the policy's selector); the fourth must never be touched by it.

describe('rollout policies and schedules', () => {
  let world: RolloutWorld;
  let t: TestApp;
  let hostIds: Record<string, string>;
  let imageId: string;
  let policyId: string;
  const name = (i: number) => world.fleet.inventory[i]!.name;
  const booted = (i: number) => world.fleet.node(name(i)).host.bootcState.booted?.image?.imageDigest;
  const switches = (i: number) => world.fleet.node(name(i)).host.records.filter((r) => r.line.includes('bootc switch')).length;
  const prod = [0, 1, 2];
  const healthChecks = { deadlineSeconds: 5, rebootTimeoutSeconds: 30, commands: [['true']] };

  beforeAll(async () => {
    world = await startRolloutWorld(4);
    t = await startTestApp({ env: { BOOTFLEET_SSH_CONNECT_TIMEOUT_MS: '2000' } });
    ({ hostIds, imageId } = await enrollWorld(t.admin, world));
    for (const i of prod) {
      const r = await t.admin.request('PATCH', `/api/hosts/${hostIds[name(i)]}`, { labels: { ring: 'prod' } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await world?.stop();
  });

  /** Pushes a new revision of the tag and has the server poll it (which publishes image.revision). */
  async function release(version: string): Promise<{ digest: string; revisionId: string }> {
    const { digest } = await pushTestImage(world.registry, { repository: 'fleet/os', tag: 'stable', version });
    const refreshed = await t.admin.post(`/api/images/${imageId}/refresh`);
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    const revisions = await t.admin.get<{ id: string; digest: string }[] | { items: { id: string; digest: string }[] }>(`/api/images/${imageId}/revisions`);
    const list = Array.isArray(revisions.body) ? revisions.body : revisions.body.items;
    const revision = list.find((r) => r.digest === digest);
    if (!revision) throw new Error(`revision ${version} not tracked`);
    return { digest, revisionId: revision.id };
  }

  const policyRollouts = async () => (await t.admin.get<{ items: RolloutSummaryDto[] }>('/api/rollouts')).body.items.filter((r) => r.policyId === policyId);
  const detail = (id: string) => t.admin.get<RolloutDetailDto>(`/api/rollouts/${id}`);
  const finished = (id: string) => until(`rollout ${id} finished`, () => detail(id), (r) => ['completed', 'failed', 'cancelled'].includes(r.body.state), 90_000);
  const policy = async () => (await t.admin.get<{ items: { id: string; lastDigest: string | null }[] }>('/api/rollout-policies')).body.items.find((p) => p.id === policyId)!;

  it('creates and starts a rollout of the labelled hosts when the tag gets a new revision', async () => {
    const created = await t.admin.post<{ id: string; lastDigest: string | null }>('/api/rollout-policies', {
      name: 'prod',
      imageId,
      selector: { labels: { ring: 'prod' } },
      strategy: { canaryCount: 1, batchSize: { count: 2 }, maxParallelReboots: 2 },
      healthChecks,
      autoStart: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    policyId = created.body.id;
    // The revision current when the policy was made is its starting point, not a reason to roll out.
    expect(created.body.lastDigest).toBe(world.newDigest);
    const twin = await t.admin.post<{ code: string }>('/api/rollout-policies', { name: 'prod', imageId, selector: { labels: { ring: 'prod' } }, strategy: { canaryCount: 1 }, healthChecks });
    expect([twin.status, twin.body.code]).toEqual([409, 'POLICY_NAME_TAKEN']);

    const { digest } = await release('42.3');
    const [rollout] = await until('policy rollout', policyRollouts, (rs) => rs.length > 0, 30_000);
    const done = await finished(rollout!.id);
    expect(done.body.state).toBe('completed');
    expect(done.body.createdBy).toBe('policy:prod');
    const listed = (await t.admin.get<{ items: { id: string; lastRollout: { id: string; state: string } | null }[] }>('/api/rollout-policies')).body.items.find((p) => p.id === policyId);
    expect(listed?.lastRollout).toMatchObject({ id: rollout!.id, state: 'completed' });
    expect(done.body.hosts.map((h) => h.hostName).sort()).toEqual(prod.map(name).sort());
    for (const i of prod) expect(booted(i)).toBe(digest);
    // The unlabelled host is not the policy's: untouched.
    expect(booted(3)).toBe(world.oldDigest);
    expect(switches(3)).toBe(0);
    expect(await policyRollouts()).toHaveLength(1);
    expect((await policy()).lastDigest).toBe(digest);
  }, 120_000);

  it('with a soak time pauses after the canary and lets the rest go once it stayed healthy', async () => {
    const patched = await t.admin.request('PATCH', `/api/rollout-policies/${policyId}`, { strategy: { canaryCount: 1, batchSize: { count: 2 }, maxParallelReboots: 2, soakSeconds: 2 } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const { digest } = await release('42.4');
    const fresh = await until('second policy rollout', policyRollouts, (rs) => rs.length === 2, 30_000);
    const id = fresh.find((r) => r.state !== 'completed')!.id;

    const soaking = await until('soaking', () => detail(id), (r) => r.body.pausedReason === 'soaking' || ['completed', 'failed'].includes(r.body.state), 60_000);
    expect(soaking.body.state).toBe('paused');
    const canary = soaking.body.hosts.find((h) => h.batch === 0)!;
    expect(canary.phase).toBe('succeeded');
    expect(soaking.body.hosts.filter((h) => h.batch === 1).map((h) => h.phase)).toEqual(['pending', 'pending']);

    const done = await finished(id);
    expect(done.body.state).toBe('completed');
    const canaryDone = new Date(done.body.hosts.find((h) => h.batch === 0)!.finishedAt!).getTime();
    for (const h of done.body.hosts.filter((x) => x.batch === 1)) expect(new Date(h.startedAt!).getTime() - canaryDone).toBeGreaterThanOrEqual(2_000);
    for (const i of prod) expect(booted(i)).toBe(digest);
  }, 120_000);

  it('never rolls out a quarantined revision', async () => {
    const previous = (await policy()).lastDigest;
    const before = new Set((await policyRollouts()).map((r) => r.id));
    expect((await t.admin.request('PATCH', `/api/rollout-policies/${policyId}`, { enabled: false })).status).toBe(200);
    const { digest, revisionId } = await release('42.5');
    const quarantined = await t.admin.post(`/api/images/${imageId}/revisions/${revisionId}/quarantine`, { reason: 'bad build' });
    expect(quarantined.status, JSON.stringify(quarantined.body)).toBe(201);
    expect((await t.admin.request('PATCH', `/api/rollout-policies/${policyId}`, { enabled: true })).status).toBe(200);

    // Several policy passes (one per 2 s tick) go by without a rollout.
    const deadline = Date.now() + 6_000;
    while (Date.now() < deadline) {
      expect(await policyRollouts()).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect((await policy()).lastDigest).toBe(previous);
    for (const i of prod) expect(booted(i)).not.toBe(digest);

    // Released from quarantine, the same revision does roll out: the skip was the quarantine's doing.
    expect((await t.admin.request('DELETE', `/api/images/${imageId}/revisions/${revisionId}/quarantine`)).status).toBeLessThan(300);
    const rollouts = await until('rollout after release', policyRollouts, (rs) => rs.length === 3, 30_000);
    const done = await finished(rollouts.find((r) => !before.has(r.id))!.id);
    expect(done.body.state).toBe('completed');
    for (const i of prod) expect(booted(i)).toBe(digest);
    expect((await t.admin.request('PATCH', `/api/rollout-policies/${policyId}`, { enabled: false })).status).toBe(200);
  }, 120_000);

  it('starts a rollout scheduled at a given time then, not before', async () => {
    const revisions = await t.admin.get<{ id: string; digest: string; current: boolean }[] | { items: { id: string; digest: string; current: boolean }[] }>(`/api/images/${imageId}/revisions`);
    const list = Array.isArray(revisions.body) ? revisions.body : revisions.body.items;
    const target = list.find((r) => r.current)!;
    const at = new Date(Date.now() + 3_000);
    const created = await t.admin.post<RolloutDetailDto>('/api/rollouts', { name: 'at', target: { revisionId: target.id }, selector: { hostIds: [hostIds[name(3)]] }, healthChecks, schedule: { at: at.toISOString() } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.state).toBe('scheduled');
    expect(created.body.startAt).toBe(at.toISOString());

    const done = await finished(created.body.id);
    expect(done.body.state).toBe('completed');
    expect(new Date(done.body.startedAt!).getTime()).toBeGreaterThanOrEqual(at.getTime());
    expect(new Date(done.body.hosts[0]!.startedAt!).getTime()).toBeGreaterThanOrEqual(at.getTime());
    expect(booted(3)).toBe(target.digest);
  }, 120_000);

  it('starts a next-window rollout when the window opens', async () => {
    const { digest, revisionId } = await release('42.6');
    const opens = new Date(Date.now() + 3_000);
    // Whole seconds: the window's times go through ISO strings with an offset.
    opens.setMilliseconds(0);
    const window = await t.admin.post('/api/windows', {
      name: 'soon',
      kind: 'one-off',
      startsAt: opens.toISOString(),
      endsAt: new Date(opens.getTime() + 3_600_000).toISOString(),
      selector: { labels: { ring: 'prod' } },
    });
    expect(window.status, JSON.stringify(window.body)).toBe(201);
    const created = await t.admin.post<RolloutDetailDto>('/api/rollouts', { name: 'next window', target: { revisionId }, selector: { labels: { ring: 'prod' } }, healthChecks, schedule: 'next-window' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.state).toBe('waiting-window');
    expect(created.body.startAt).toBe(opens.toISOString());

    const done = await finished(created.body.id);
    expect(done.body.state).toBe('completed');
    expect(new Date(done.body.startedAt!).getTime()).toBeGreaterThanOrEqual(opens.getTime());
    for (const h of done.body.hosts) expect(new Date(h.startedAt!).getTime()).toBeGreaterThanOrEqual(opens.getTime());
    for (const i of prod) expect(booted(i)).toBe(digest);
    expect(booted(3)).not.toBe(digest);
  }, 120_000);
});
