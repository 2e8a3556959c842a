import type { Gate } from './planner/plan';

/** Where the planner learns whether a host may reboot now (the maintenance windows; a fake in tests). */
export interface RebootGates {
  gates(hostIds: string[], now: Date): Promise<Map<string, Gate>>;
  /** The earliest time any of these hosts may reboot (null: now, or never within a year). */
  nextOpening(hostIds: string[], now: Date): Promise<Date | null>;
}
export const REBOOT_GATES = Symbol('REBOOT_GATES');
