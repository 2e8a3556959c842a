import { Injectable } from '@nestjs/common';
import { WindowsService } from '../windows/windows.service';
import type { Gate } from './planner/plan';
import type { RebootGates } from './reboot-gates';
import { RolloutsRepository } from './rollouts.repository';

/** Reboot gates from the hosts' maintenance windows (and the configured minimum time left in one). */
@Injectable()
export class WindowGates implements RebootGates {
  constructor(
    private readonly windows: WindowsService,
    private readonly rollouts: RolloutsRepository,
  ) {}

  async gates(hostIds: string[], now: Date): Promise<Map<string, Gate>> {
    const hosts = await this.rollouts.selectHosts({ hostIds });
    const out = new Map<string, Gate>();
    for (const host of hosts) {
      const decision = await this.windows.rebootGate(host, now);
      out.set(host.id, decision.allowed ? { allowed: true } : { allowed: false, nextStart: decision.nextStart });
    }
    return out;
  }

  async nextOpening(hostIds: string[], now: Date): Promise<Date | null> {
    const gates = [...(await this.gates(hostIds, now)).values()];
    if (gates.length === 0 || gates.some((g) => g.allowed)) return null;
    const starts = gates.flatMap((g) => (!g.allowed && g.nextStart ? [g.nextStart.getTime()] : []));
    return starts.length ? new Date(Math.min(...starts)) : null;
  }
}
