/** Where one host is in a rollout or operation. Written to the database before each step's SSH work. */
export const HOST_PHASES = [
  'pending',
  'prechecking',
  'staging',
  'staged',
  'waiting-window',
  'applying',
  'rebooting',
  'verifying',
  'succeeded',
  'rolling-back',
  'rolled-back',
  'failed',
  'skipped',
  'cancelled',
] as const;
export type HostPhase = (typeof HOST_PHASES)[number];

export const TERMINAL_PHASES: ReadonlySet<HostPhase> = new Set(['succeeded', 'rolled-back', 'failed', 'skipped', 'cancelled']);
/** Phases whose step talks to the host; a crash leaves a row here, and recovery reconciles it. */
export const IN_FLIGHT_PHASES: ReadonlySet<HostPhase> = new Set(['prechecking', 'staging', 'applying', 'rebooting', 'verifying', 'rolling-back']);
/** Phases that count against the parallel-reboot limit: from the reboot request until verified. */
export const REBOOT_PHASES: ReadonlySet<HostPhase> = new Set(['applying', 'rebooting', 'verifying', 'rolling-back']);
/** Hosts that stop counting toward success: rolled back after a failed verification, or failed outright. */
export const FAILED_PHASES: ReadonlySet<HostPhase> = new Set(['failed', 'rolled-back']);

export const ROLLOUT_STATES = ['scheduled', 'waiting-window', 'running', 'paused', 'completed', 'failed', 'cancelled'] as const;
export type RolloutState = (typeof ROLLOUT_STATES)[number];
export const FINISHED_STATES: ReadonlySet<RolloutState> = new Set(['completed', 'failed', 'cancelled']);

export type PauseReason = 'operator' | 'failure-threshold' | 'batch-below-threshold' | 'awaiting-approval' | 'soaking' | 'canary-unhealthy';
/** Pauses an operator may end with approve-next-batch (the soak ones: to skip the rest of the soak). */
export const APPROVABLE_PAUSES: ReadonlySet<string> = new Set<PauseReason>(['awaiting-approval', 'soaking', 'canary-unhealthy']);

export const isTerminal = (phase: string): boolean => TERMINAL_PHASES.has(phase as HostPhase);
export const isInFlight = (phase: string): boolean => IN_FLIGHT_PHASES.has(phase as HostPhase);
