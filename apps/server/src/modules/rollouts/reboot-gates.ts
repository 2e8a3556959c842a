import type { Gate } from './planner/plan';

/**
 * Where the planner learns whether a host may reboot now. The windows module provides the real
 * one; until it is wired in, every host is unrestricted (as a host without any window is).
 */
export interface RebootGates {
  gates(hostIds: string[], now: Date): Promise<Map<string, Gate>>;
  /** The earliest time any of these hosts may reboot (null: now, or never within a year). */
  nextOpening(hostIds: string[], now: Date): Promise<Date | null>;
}
export const REBOOT_GATES = Symbol('REBOOT_GATES');

export class UnrestrictedGates implements RebootGates {
  async gates(): Promise<Map<string, Gate>> {
    return new Map();
  }
  async nextOpening(): Promise<Date | null> {
    return null;
  }
}
