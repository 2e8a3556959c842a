// bootc-fetch-apply-updates.timer as systemd keeps it: enablement (a wants/ symlink) and masking
// (a /dev/null symlink in /etc) are independent, so unmasking restores whatever was enabled before.
import type { AutoUpdateTimer, TimerState } from './types';

export const AUTO_UPDATE_TIMER = 'bootc-fetch-apply-updates.timer';
const MASK_LINK = `/etc/systemd/system/${AUTO_UPDATE_TIMER}`;
const WANTS_LINK = `/etc/systemd/system/timers.target.wants/${AUTO_UPDATE_TIMER}`;

/** What `systemctl is-enabled` prints. */
export function timerState(timer: AutoUpdateTimer): TimerState {
  if (timer.masked) return 'masked';
  return timer.enabled ? 'enabled' : 'disabled';
}

export function timerFromState(state: TimerState): AutoUpdateTimer {
  return { enabled: state === 'enabled', masked: state === 'masked' };
}

export type TimerVerb = 'mask' | 'unmask' | 'enable' | 'disable';

/** The new timer and what systemctl prints on stderr, or the error systemctl fails with. */
export function changeTimer(timer: AutoUpdateTimer, verb: TimerVerb): { timer: AutoUpdateTimer; stderr: string } | { error: string } {
  switch (verb) {
    case 'mask':
      return { timer: { ...timer, masked: true }, stderr: timer.masked ? '' : `Created symlink ${MASK_LINK} → /dev/null.\n` };
    case 'unmask':
      return { timer: { ...timer, masked: false }, stderr: timer.masked ? `Removed "${MASK_LINK}".\n` : '' };
    case 'enable':
      if (timer.masked) return { error: `Failed to enable unit: Unit file ${MASK_LINK} is masked.\n` };
      return { timer: { ...timer, enabled: true }, stderr: timer.enabled ? '' : `Created symlink ${WANTS_LINK} → /usr/lib/systemd/system/${AUTO_UPDATE_TIMER}.\n` };
    case 'disable':
      return { timer: { ...timer, enabled: false }, stderr: timer.enabled ? `Removed "${WANTS_LINK}".\n` : '' };
  }
}
