import { describe, expect, it } from 'vitest';
import { changeTimer, timerFromState, timerState } from './auto-update-timer';
import type { AutoUpdateTimer } from './types';

function apply(timer: AutoUpdateTimer, verb: Parameters<typeof changeTimer>[1]): AutoUpdateTimer {
  const result = changeTimer(timer, verb);
  if ('error' in result) throw new Error(result.error);
  return result.timer;
}

describe('auto-update timer', () => {
  it('unmasking restores the enablement the timer had before', () => {
    const masked = apply(timerFromState('enabled'), 'mask');
    expect(timerState(masked)).toBe('masked');
    expect(timerState(apply(masked, 'unmask'))).toBe('enabled');
    expect(timerState(apply(apply(timerFromState('disabled'), 'mask'), 'unmask'))).toBe('disabled');
  });

  it('prints systemd\'s symlink messages only when something changes', () => {
    const first = changeTimer(timerFromState('enabled'), 'mask');
    expect(first).toEqual({
      timer: { enabled: true, masked: true },
      stderr: 'Created symlink /etc/systemd/system/bootc-fetch-apply-updates.timer → /dev/null.\n',
    });
    expect(changeTimer({ enabled: true, masked: true }, 'mask')).toMatchObject({ stderr: '' });
  });

  it('refuses to enable a masked timer', () => {
    expect(changeTimer({ enabled: false, masked: true }, 'enable')).toEqual({
      error: 'Failed to enable unit: Unit file /etc/systemd/system/bootc-fetch-apply-updates.timer is masked.\n',
    });
  });
});
