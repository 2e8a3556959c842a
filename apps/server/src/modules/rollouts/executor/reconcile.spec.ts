import { describe, expect, it } from 'vitest';
import { findApply, findRollback } from './reconcile';

const A = 'sha256:aaaa';
const B = 'sha256:bbbb';

describe('findApply', () => {
  it('has not applied while no boot id was recorded before the reboot request', () => {
    expect(findApply({ previousBootId: null, targetDigest: B }, { bootId: 'boot-1', bootedDigest: A })).toBe('not-applied');
  });
  it('sees a new boot id as the reboot having happened, whatever is booted', () => {
    expect(findApply({ previousBootId: 'boot-1', targetDigest: B }, { bootId: 'boot-2', bootedDigest: A })).toBe('rebooted');
    expect(findApply({ previousBootId: 'boot-1', targetDigest: B }, { bootId: 'boot-2', bootedDigest: B })).toBe('rebooted');
  });
  it('sees the target booted under the same boot id as a soft reboot', () => {
    expect(findApply({ previousBootId: 'boot-1', targetDigest: B }, { bootId: 'boot-1', bootedDigest: B })).toBe('on-target-without-reboot');
  });
  it('has not applied when the recorded boot is still running the old image', () => {
    expect(findApply({ previousBootId: 'boot-1', targetDigest: B }, { bootId: 'boot-1', bootedDigest: A })).toBe('not-applied');
  });
});

describe('findRollback', () => {
  const seen = { bootId: 'boot-2', bootedDigest: B, rollbackDigest: A, rollbackQueued: false };
  it('is done when the host is already back (the failed boot fell back on its own)', () => {
    expect(findRollback({ rollbackBootId: null, expectedDigest: A }, { ...seen, bootedDigest: A })).toBe('back');
  });
  it('rolls back when the rollback slot holds the expected digest', () => {
    expect(findRollback({ rollbackBootId: null, expectedDigest: A }, seen)).toBe('rollback');
    expect(findRollback({ rollbackBootId: 'boot-2', expectedDigest: A }, seen)).toBe('rollback');
  });
  it('only reboots when the rollback is already queued: bootc rollback again would cancel it', () => {
    expect(findRollback({ rollbackBootId: 'boot-2', expectedDigest: A }, { ...seen, rollbackQueued: true })).toBe('reboot-only');
  });
  it('reports a rollback reboot that landed elsewhere, and refuses a rollback slot with another digest', () => {
    expect(findRollback({ rollbackBootId: 'boot-1', expectedDigest: A }, seen)).toBe('rebooted-elsewhere');
    expect(findRollback({ rollbackBootId: null, expectedDigest: A }, { ...seen, rollbackDigest: 'sha256:cccc' })).toBe('unsafe');
  });
});
