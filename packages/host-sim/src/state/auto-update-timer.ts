// bootc-fetch-apply-updates.timer as systemd keeps it: enablement (a wants/ symlink) and masking
// (a /dev/null symlink in /etc) are independent, so unmasking restores whatever was enabled before.
import type { HostState, TimerState } from './types';

export const AUTO_UPDATE_TIMER = 'bootc-fetch-apply-updates.timer';
const MASK_LINK = `/etc/systemd/system/${AUTO_UPDATE_TIMER}`;
const WANTS_LINK = `/etc/systemd/system/timers.target.wants/${AUTO_UPDATE_TIMER}`;

/** A masked timer that was never disabled keeps its wants/ link, as on a stock host. */
export function initialTimerWanted(state: TimerState): boolean {
  return state !== 'disabled';
}

function isWanted(state: HostState): boolean {
  // State files written before the wants/ link was tracked only know the is-enabled word.
  return state.autoUpdateTimerWanted ?? initialTimerWanted(state.autoUpdateTimer);
}

function withTimer(state: HostState, masked: boolean, wanted: boolean): HostState {
  const word: TimerState = masked ? 'masked' : wanted ? 'enabled' : 'disabled';
  return { ...state, autoUpdateTimer: word, autoUpdateTimerWanted: wanted };
}

/** Whether the timer runs: enabled and not masked. */
export function timerActive(state: HostState): boolean {
  return state.autoUpdateTimer === 'enabled';
}

export type TimerVerb = 'mask' | 'unmask' | 'enable' | 'disable';

/** The new state and what systemctl prints on stderr, or the error systemctl fails with. */
export function changeTimer(state: HostState, verb: TimerVerb): { state: HostState; stderr: string } | { error: string } {
  const masked = state.autoUpdateTimer === 'masked';
  const wanted = isWanted(state);
  switch (verb) {
    case 'mask':
      return { state: withTimer(state, true, wanted), stderr: masked ? '' : `Created symlink ${MASK_LINK} → /dev/null.\n` };
    case 'unmask':
      return { state: withTimer(state, false, wanted), stderr: masked ? `Removed "${MASK_LINK}".\n` : '' };
    case 'enable':
      if (masked) return { error: `Failed to enable unit: Unit file ${MASK_LINK} is masked.\n` };
      return { state: withTimer(state, false, true), stderr: wanted ? '' : `Created symlink ${WANTS_LINK} → /usr/lib/systemd/system/${AUTO_UPDATE_TIMER}.\n` };
    case 'disable':
      return { state: withTimer(state, masked, false), stderr: wanted ? `Removed "${WANTS_LINK}".\n` : '' };
  }
}
