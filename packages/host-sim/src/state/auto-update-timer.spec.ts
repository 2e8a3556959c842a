import { describe, expect, it } from 'vitest';
import { changeTimer, type TimerVerb } from './auto-update-timer';
import { createHostState } from './host-state';
import { fetchedImage, TEST_REF } from './test-images';
import type { HostState, TimerState } from './types';

function host(timer: TimerState): HostState {
  return createHostState({ booted: { image: TEST_REF, fetched: fetchedImage('1') }, bootId: 'b', autoUpdateTimer: timer });
}

function apply(state: HostState, verb: TimerVerb): HostState {
  const result = changeTimer(state, verb);
  if ('error' in result) throw new Error(result.error);
  return result.state;
}

describe('auto-update timer', () => {
  it('unmasking restores the enablement the timer had before', () => {
    const masked = apply(host('enabled'), 'mask');
    expect(masked.autoUpdateTimer).toBe('masked');
    expect(apply(masked, 'unmask').autoUpdateTimer).toBe('enabled');
    expect(apply(apply(host('disabled'), 'mask'), 'unmask').autoUpdateTimer).toBe('disabled');
    expect(apply(apply(masked, 'disable'), 'unmask').autoUpdateTimer).toBe('disabled');
  });

  it('prints systemd\'s symlink messages only when something changes', () => {
    expect(changeTimer(host('enabled'), 'mask')).toMatchObject({
      stderr: 'Created symlink /etc/systemd/system/bootc-fetch-apply-updates.timer → /dev/null.\n',
    });
    expect(changeTimer(host('masked'), 'mask')).toMatchObject({ stderr: '' });
  });

  it('refuses to enable a masked timer', () => {
    expect(changeTimer(host('masked'), 'enable')).toEqual({
      error: 'Failed to enable unit: Unit file /etc/systemd/system/bootc-fetch-apply-updates.timer is masked.\n',
    });
  });
});
