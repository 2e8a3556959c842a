import type { BootcStatus, Slot } from '@bootfleet/agent';
import { describe, expect, it } from 'vitest';
import { attentionFlags, changesBetween, isRollbackSwap, observe, type PreviousState, storedBootedQuarantined } from './host-observation';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;

function slot(digest: string, version: string, extra: Partial<Slot> = {}): Slot {
  return {
    image: 'registry.example:5000/fleet/os:stable',
    transport: 'registry',
    digest,
    version,
    timestamp: '2026-11-01T10:00:00Z',
    architecture: 'x86_64',
    pinned: false,
    downloadOnly: false,
    softRebootCapable: false,
    incompatible: false,
    cachedUpdate: null,
    ...extra,
  };
}

function status(booted: Slot | null, staged: Slot | null = null, rollback: Slot | null = null, rollbackQueued = false): BootcStatus {
  return { isBootcHost: booted !== null, rollbackQueued, specImage: 'registry.example:5000/fleet/os:stable', booted, staged, rollback, other: [], apiVersion: 'org.containers.bootc/v1', bootOrder: 'default', readOnly: false } as BootcStatus;
}

const facts = { hostname: 'h1', bootId: '11111111-1111-1111-1111-111111111111', kernel: '6.1', architecture: 'x86_64', uptimeSeconds: 5, osRelease: {} };

function previous(o: ReturnType<typeof observe>, extra: Partial<PreviousState> = {}): PreviousState {
  return { bootedDigest: o.bootedDigest, bootedVersion: o.bootedVersion, stagedDigest: o.stagedDigest, stagedDownloadOnly: o.stagedDownloadOnly, rollbackDigest: o.rollbackDigest, timerState: o.timerState, bootId: o.bootId, onRollback: false, expectedDigest: o.bootedDigest, ...extra };
}

describe('observe', () => {
  it('maps the three slots, cached update and facts to columns', () => {
    const o = observe(status(slot(A, '1', { cachedUpdate: { image: 'x', digest: C, version: '3', timestamp: null } }), slot(B, '2', { downloadOnly: true }), slot(C, '0')), facts, 'masked');
    expect(o).toMatchObject({
      bootedDigest: A,
      bootedVersion: '1',
      bootedTimestamp: new Date('2026-11-01T10:00:00Z'),
      stagedDigest: B,
      stagedDownloadOnly: true,
      rollbackDigest: C,
      cachedUpdateDigest: C,
      cachedUpdateVersion: '3',
      architecture: 'x86_64',
      bootId: facts.bootId,
      timerState: 'masked',
    });
  });

  it('keeps nulls for a host with nothing staged and no rollback', () => {
    const o = observe(status(slot(A, '1')), null, null);
    expect(o.stagedDigest).toBeNull();
    expect(o.rollbackDigest).toBeNull();
    expect(o.bootId).toBeNull();
    expect(o.architecture).toBe('x86_64');
  });
});

describe('changesBetween', () => {
  it('records an upgrade, the staged slot clearing, nothing else', () => {
    const before = observe(status(slot(A, '1'), slot(B, '2')), facts, 'masked');
    const after = observe(status(slot(B, '2'), null, slot(A, '1')), { ...facts, bootId: '22222222-2222-2222-2222-222222222222' }, 'masked');
    const events = changesBetween(previous(before), after);
    expect(events.map((e) => e.kind)).toEqual(['booted', 'staged']);
    expect(events[0]).toMatchObject({ fromValue: A, toValue: B });
    expect(events[0]?.summary).toMatch(/^booted 2 \(bbbbbbbbbbbb\)/);
    expect(isRollbackSwap(previous(before), after)).toBe(false);
  });

  it('recognises a rollback swap', () => {
    const before = observe(status(slot(B, '2'), null, slot(A, '1')), facts, 'masked');
    const after = observe(status(slot(A, '1'), null, slot(B, '2')), facts, 'masked');
    expect(isRollbackSwap(previous(before), after)).toBe(true);
    expect(changesBetween(previous(before), after)[0]?.summary).toMatch(/^rolled back to 1/);
  });

  it('notices a reboot into the same image and a timer change', () => {
    const before = observe(status(slot(A, '1')), facts, 'masked');
    const after = observe(status(slot(A, '1')), { ...facts, bootId: '33333333-3333-3333-3333-333333333333' }, 'enabled');
    expect(changesBetween(previous(before), after).map((e) => e.kind)).toEqual(['booted', 'timer']);
  });

  it('reports nothing when nothing changed', () => {
    const o = observe(status(slot(A, '1'), null, slot(C, '0')), facts, 'masked');
    expect(changesBetween(previous(o), o)).toEqual([]);
  });
});

describe('attentionFlags', () => {
  const calm = { presentedFingerprint: null, status: 'online' as const, timerState: 'masked', autoUpdateOptOut: false, bootedDigest: A, expectedDigest: A, onRollback: false, rollbackQueued: false, stagedDigest: null, stagedDownloadOnly: false, bootedQuarantined: false };

  it('is empty for a healthy managed host', () => {
    expect(attentionFlags(calm)).toEqual([]);
  });

  it('flags each condition, most serious first', () => {
    expect(
      attentionFlags({ ...calm, presentedFingerprint: 'SHA256:x', status: 'unreachable', timerState: 'enabled', bootedDigest: B, onRollback: true, stagedDigest: C, bootedQuarantined: true }),
    ).toEqual(['host-key-changed', 'unreachable', 'timer-not-masked', 'unexpected-image', 'running-rollback', 'staged-awaiting-reboot', 'quarantined-revision']);
  });

  it('respects an opt-out from re-masking and ignores download-only staging', () => {
    expect(attentionFlags({ ...calm, timerState: 'enabled', autoUpdateOptOut: true })).toEqual([]);
    expect(attentionFlags({ ...calm, stagedDigest: C, stagedDownloadOnly: true })).toEqual([]);
    expect(attentionFlags({ ...calm, rollbackQueued: true })).toEqual(['running-rollback']);
  });

  it('keeps the stored quarantine flag for recomputes that do not look at the revision', () => {
    expect(storedBootedQuarantined({ attention: ['unreachable', 'quarantined-revision'] })).toBe(true);
    expect(storedBootedQuarantined({ attention: ['unexpected-image'] })).toBe(false);
  });
});
