import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';

export interface PendingHostDraft {
  id: string;
  name: string;
  address: string;
  port: number;
}

/**
 * The host rows an install ISO creates and completes. Kept here rather than in HostsRepository
 * while the hosts module is being reworked in parallel; it writes only what an install decides:
 * a pending row, then the address and host key its installer reported, then `online`.
 */
@Injectable()
export class PendingHostsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Creates all hosts or none; 'name-taken' lists the names already in the inventory. */
  async createAll(drafts: PendingHostDraft[]): Promise<{ created: true } | { created: false; taken: string[] }> {
    const taken = await this.prisma.host.findMany({ where: { name: { in: drafts.map((d) => d.name) } }, select: { name: true } });
    if (taken.length) return { created: false, taken: taken.map((t) => t.name) };
    await this.prisma.host.createMany({
      data: drafts.map((d) => ({ ...d, sshUser: 'root', credentialKind: 'fleet_key', status: 'pending' }) satisfies Prisma.HostCreateManyInput),
    });
    return { created: true };
  }

  async deleteAll(ids: string[]): Promise<void> {
    await this.prisma.host.deleteMany({ where: { id: { in: ids }, status: 'pending' } });
  }

  /**
   * The installed system's key (vouched for by the one-time token) and address, pinned. The new
   * system knows only the fleet key, for root: a reinstalled host's uploaded key and login go.
   */
  async pinInstalled(id: string, change: { address: string; fingerprint: string; previousFingerprint: string | null }): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.host.update({
        where: { id },
        data: {
          address: change.address,
          hostKeyFingerprint: change.fingerprint,
          presentedFingerprint: null,
          sshUser: 'root',
          credentialKind: 'fleet_key',
          sshPrivateKeySealed: null,
          sshPassphraseSealed: null,
        },
      }),
      this.prisma.hostEvent.create({
        data: {
          hostId: id,
          kind: 'host-key',
          summary: `installed from its install ISO; host key ${change.fingerprint} pinned from the installer's call-home`,
          fromValue: change.previousFingerprint,
          toValue: change.fingerprint,
        },
      }),
    ]);
  }

  /** Pending -> online once the installed system answered with the pinned key and the fleet key. */
  async markEnrolled(id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.host.updateMany({ where: { id, status: 'pending' }, data: { status: 'online', enrolledAt: at, lastSeenAt: at, nextRefreshAt: at } });
    if (count === 1) {
      await this.prisma.hostEvent.create({ data: { hostId: id, kind: 'enrolled', summary: 'enrolled after installing from its install ISO' } });
    }
    return count === 1;
  }
}
