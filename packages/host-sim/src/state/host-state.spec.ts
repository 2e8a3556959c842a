import { describe, expect, it } from 'vitest';
import { BootcError } from './bootc-error';
import {
  checkForUpdate, createHostState, hostSpec, reboot, rollback, setPinned, softReboot, switchImage,
  switchUnchanged, upgrade, upgradeFromDownloaded,
} from './host-state';
import { fetchedImage, TEST_REF } from './test-images';
import type { HostState } from './types';

const v1 = fetchedImage('1');
const v2 = fetchedImage('2');
const v3 = fetchedImage('3');

function freshHost(withRollback = false): HostState {
  return createHostState({
    booted: { image: TEST_REF, fetched: v1 },
    ...(withRollback ? { rollback: { image: TEST_REF, fetched: fetchedImage('0') } } : {}),
    bootId: 'boot-1',
  });
}

describe('upgrade --check', () => {
  it('reports no changes when the registry digest is the booted one', () => {
    const { state, stdout } = checkForUpdate(freshHost(), v1);
    expect(stdout).toBe(`No changes in: docker://${TEST_REF.image}\n`);
    expect(state.booted?.cachedUpdate).toBeNull();
  });

  it('records cachedUpdate and prints version and digest when the registry moved', () => {
    const { state, stdout } = checkForUpdate(freshHost(), v2);
    expect(stdout).toBe(`Update available for: docker://${TEST_REF.image}\n  Version: 2\n  Digest: ${v2.digest}\n`);
    expect(state.booted?.cachedUpdate?.imageDigest).toBe(v2.digest);
    expect(state.staged).toBeNull();
  });

  it('omits the Version line for an image without a version label', () => {
    const { stdout } = checkForUpdate(freshHost(), { ...v2, version: null });
    expect(stdout).not.toContain('Version:');
  });
});

describe('upgrade', () => {
  it('stages a new image and reboots only with --apply', () => {
    const staged = upgrade(freshHost(), v2);
    expect(staged.stdout).toBe(`Queued for next boot: ${TEST_REF.image}\n  Version: 2\n  Digest: ${v2.digest}\n`);
    expect(staged.state.staged?.image?.imageDigest).toBe(v2.digest);
    expect(staged.reboot).toBeUndefined();
    expect(upgrade(freshHost(), v2, { apply: true }).reboot).toBe('reboot');
  });

  it('says no update available when booted is current, and does not reboot even with --apply', () => {
    const result = upgrade(freshHost(), v1, { apply: true });
    expect(result.stdout).toBe(`No changes in ${TEST_REF.image} => ${v1.digest}\nNo update available.\n`);
    expect(result.reboot).toBeUndefined();
  });

  it('keeps a staged update of the same digest', () => {
    const once = upgrade(freshHost(), v2).state;
    const again = upgrade(once, v2);
    expect(again.stdout).toBe(`No changes in ${TEST_REF.image} => ${v2.digest}\nStaged update present, not changed\n`);
    expect(again.state.staged).toEqual(once.staged);
  });

  it('download-only stages a locked deployment that a reboot discards', () => {
    const locked = upgrade(freshHost(), v2, { downloadOnly: true }).state;
    expect(locked.staged?.downloadOnly).toBe(true);
    const rebooted = reboot(locked, 'boot-2');
    expect(rebooted.staged).toBeNull();
    expect(rebooted.booted?.image?.imageDigest).toBe(v1.digest);
    expect(rebooted.bootId).toBe('boot-2');
  });

  it('--from-downloaded unlocks the staged deployment without fetching', () => {
    const locked = upgrade(freshHost(), v2, { downloadOnly: true }).state;
    const unlocked = upgradeFromDownloaded(locked, { apply: true });
    expect(unlocked.stdout).toBe('Staged deployment will now be applied on reboot\n');
    expect(unlocked.state.staged?.downloadOnly).toBe(false);
    expect(unlocked.reboot).toBe('reboot');
    expect(upgradeFromDownloaded(unlocked.state).stdout).toBe('Staged deployment is already set to apply on reboot\n');
    expect(() => upgradeFromDownloaded(freshHost())).toThrow(new BootcError('Upgrading: No staged deployment found'));
  });

  it('a plain upgrade of the same digest unlocks a download-only deployment', () => {
    const locked = upgrade(freshHost(), v2, { downloadOnly: true }).state;
    const result = upgrade(locked, v2);
    expect(result.stdout).toContain('Staged deployment will now be applied on reboot\n');
    expect(result.state.staged?.downloadOnly).toBe(false);
  });
});

describe('reboot semantics', () => {
  it('moves staged to booted, booted to rollback, drops the old unpinned rollback and clears cachedUpdate', () => {
    let state = checkForUpdate(freshHost(true), v2).state;
    state = upgrade(state, v2).state;
    const rebooted = reboot(state, 'boot-2');
    expect(rebooted.booted?.image?.imageDigest).toBe(v2.digest);
    expect(rebooted.booted?.cachedUpdate).toBeNull();
    expect(rebooted.rollback?.image?.imageDigest).toBe(v1.digest);
    expect(rebooted.rollback?.cachedUpdate).toBeNull();
    expect(rebooted.staged).toBeNull();
    expect(rebooted.otherDeployments).toEqual([]);
    expect(rebooted.bootId).toBe('boot-2');
  });

  it('keeps a pinned rollback in otherDeployments', () => {
    const pinned = setPinned(freshHost(true), 'rollback', true);
    const rebooted = reboot(upgrade(pinned, v2).state, 'boot-2');
    expect(rebooted.otherDeployments.map((e) => e.image?.version)).toEqual(['0']);
    expect(rebooted.otherDeployments[0]?.pinned).toBe(true);
  });

  it('rollbackQueued swaps booted and rollback, then clears', () => {
    const queued = rollback(freshHost(true));
    expect(queued.stdout).toBe('Next boot: rollback deployment\n');
    expect(queued.state.rollbackQueued).toBe(true);
    expect(hostSpec(queued.state).bootOrder).toBe('rollback');
    const rebooted = reboot(queued.state, 'boot-2');
    expect(rebooted.booted?.image?.version).toBe('0');
    expect(rebooted.rollback?.image?.version).toBe('1');
    expect(rebooted.rollbackQueued).toBe(false);
  });

  it('a reboot with nothing staged keeps the slots and changes only boot_id', () => {
    const state = freshHost(true);
    const rebooted = reboot(state, 'boot-2');
    expect({ ...rebooted, bootId: 'boot-1' }).toEqual(state);
  });

  it('soft reboot rotates slots without changing boot_id', () => {
    const state = upgrade(freshHost(), v2).state;
    const soft = softReboot(state);
    expect(soft.booted?.image?.imageDigest).toBe(v2.digest);
    expect(soft.bootId).toBe('boot-1');
  });
});

describe('rollback', () => {
  it('toggles back to the current deployment and discards staged', () => {
    const staged = upgrade(freshHost(true), v2).state;
    const first = rollback(staged);
    expect(first.state.staged).toBeNull();
    const second = rollback(first.state, { apply: true });
    expect(second.stdout).toBe('Next boot: current deployment\n');
    expect(second.state.rollbackQueued).toBe(false);
    expect(second.reboot).toBe('reboot');
  });

  it('fails without a rollback deployment', () => {
    expect(() => rollback(freshHost())).toThrow(new BootcError('Rollback: Rollback (ostree): No rollback available'));
  });

  it('staging an update clears a queued rollback', () => {
    const queued = rollback(freshHost(true)).state;
    expect(upgrade(queued, v3).state.rollbackQueued).toBe(false);
  });
});

describe('switch', () => {
  const other = { image: '127.0.0.1:5000/fleet/os:canary', transport: 'registry' };

  it('reports an unchanged spec without staging', () => {
    expect(switchUnchanged(freshHost(), TEST_REF)?.stdout).toBe('Image specification is unchanged.\n');
    expect(switchUnchanged(freshHost(), other)).toBeNull();
  });

  it('stages the new reference, which then becomes the spec', () => {
    const result = switchImage(freshHost(), other, v2, { apply: true });
    expect(result.stdout).toBe(`Queued for next boot: ${other.image}\n  Version: 2\n  Digest: ${v2.digest}\n`);
    expect(hostSpec(result.state).image).toEqual(other);
    expect(result.reboot).toBe('reboot');
  });

  it('a digest-pinned spec makes upgrade a no-op', () => {
    const pinnedRef = { image: `127.0.0.1:5000/fleet/os@${v2.digest}`, transport: 'registry' };
    const booted = reboot(switchImage(freshHost(), pinnedRef, v2).state, 'boot-2');
    expect(upgrade(booted, v2).stdout).toContain('No update available.');
  });
});

describe('soft reboot requests', () => {
  it('required fails when the target is not soft-reboot capable; auto falls back to a full reboot', () => {
    expect(() => upgrade(freshHost(), v2, { apply: true, softReboot: 'required' })).toThrow(BootcError);
    expect(upgrade(freshHost(), v2, { apply: true, softReboot: 'auto' }).reboot).toBe('reboot');
  });

  it('uses a soft reboot when the target is capable', () => {
    const capable = { ...freshHost(), softRebootPossible: true };
    const result = upgrade(capable, v2, { apply: true, softReboot: 'required' });
    expect(result.reboot).toBe('soft-reboot');
    expect(result.state.staged?.softRebootCapable).toBe(true);
  });
});
