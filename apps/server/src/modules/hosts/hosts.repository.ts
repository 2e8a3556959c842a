import { Injectable } from '@nestjs/common';
import type { Host, HostEvent, Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { HostListQuery } from './hosts.dto';
import type { HostEventDraft } from './host-observation';

export type HostRow = Host;
export type HostEventRow = HostEvent;

function listWhere(q: HostListQuery): Prisma.HostWhereInput {
  const and: Prisma.HostWhereInput[] = [];
  if (q.q) {
    const term = q.q.trim();
    and.push({
      OR: [
        { name: { contains: term, mode: 'insensitive' } },
        { address: { contains: term, mode: 'insensitive' } },
        { bootedVersion: { contains: term, mode: 'insensitive' } },
        { bootedDigest: { startsWith: term.startsWith('sha256:') ? term : `sha256:${term}` } },
      ],
    });
  }
  if (q.status) and.push({ status: q.status });
  if (q.group) and.push({ group: q.group });
  if (q.imageId) and.push({ imageId: q.imageId });
  if (q.version) and.push({ bootedVersion: q.version });
  if (q.digest) and.push({ bootedDigest: { startsWith: q.digest.startsWith('sha256:') ? q.digest : `sha256:${q.digest}` } });
  if (q.attention) and.push({ attention: { has: q.attention } });
  if (q.updateAvailable !== undefined) and.push({ updateAvailable: q.updateAvailable });
  for (const [key, value] of q.label ?? []) and.push({ labels: { path: [key], equals: value } });
  return and.length ? { AND: and } : {};
}

@Injectable()
export class HostsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(q: HostListQuery): Promise<{ items: HostRow[]; total: number }> {
    const where = listWhere(q);
    // Hosts never refreshed have no version or last-seen time: they sort last either way.
    const nullable = q.sort === 'bootedVersion' || q.sort === 'lastSeenAt';
    const orderBy: Prisma.HostOrderByWithRelationInput[] = [{ [q.sort]: nullable ? { sort: q.order, nulls: 'last' } : q.order }, { name: 'asc' }];
    const [items, total] = await this.prisma.$transaction([
      this.prisma.host.findMany({ where, orderBy, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
      this.prisma.host.count({ where }),
    ]);
    return { items, total };
  }

  find(id: string): Promise<HostRow | null> {
    return this.prisma.host.findUnique({ where: { id } });
  }

  findByName(name: string): Promise<HostRow | null> {
    return this.prisma.host.findUnique({ where: { name } });
  }

  existingNames(names: string[]): Promise<{ name: string }[]> {
    return this.prisma.host.findMany({ where: { name: { in: names } }, select: { name: true } });
  }

  /** Stores a newly enrolled host and its first history entry together. */
  async createEnrolled(data: Prisma.HostUncheckedCreateInput, event: HostEventDraft): Promise<HostRow> {
    return this.prisma.$transaction(async (tx) => {
      const host = await tx.host.create({ data });
      await tx.hostEvent.create({ data: { ...event, hostId: host.id } });
      return host;
    });
  }

  /** Applies a refresh's result and its history entries in one transaction. */
  async applyRefresh(id: string, data: Prisma.HostUncheckedUpdateInput, events: HostEventDraft[]): Promise<HostRow> {
    return this.prisma.$transaction(async (tx) => {
      const host = await tx.host.update({ where: { id }, data });
      if (events.length) await tx.hostEvent.createMany({ data: events.map((e) => ({ ...e, hostId: id })) });
      return host;
    });
  }

  update(id: string, data: Prisma.HostUncheckedUpdateInput): Promise<HostRow> {
    return this.prisma.host.update({ where: { id }, data });
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.host.deleteMany({ where: { id } });
    return count === 1;
  }

  events(hostId: string, limit: number): Promise<HostEventRow[]> {
    return this.prisma.hostEvent.findMany({ where: { hostId }, orderBy: { at: 'desc' }, take: limit });
  }

  /** Hosts whose periodic refresh is due (never refreshed, or past their next time). */
  async dueForRefresh(now: Date, limit: number): Promise<{ id: string }[]> {
    return this.prisma.host.findMany({
      where: { status: { not: 'pending' }, OR: [{ nextRefreshAt: null }, { nextRefreshAt: { lte: now } }] },
      select: { id: true },
      orderBy: { nextRefreshAt: { sort: 'asc', nulls: 'first' } },
      take: limit,
    });
  }

  async scheduleNextRefresh(ids: string[], at: Date): Promise<void> {
    await this.prisma.host.updateMany({ where: { id: { in: ids } }, data: { nextRefreshAt: at } });
  }

  allRefreshableIds(filter: HostListQuery | null): Promise<{ id: string }[]> {
    return this.prisma.host.findMany({ where: { AND: [filter ? listWhere(filter) : {}, { status: { not: 'pending' } }] }, select: { id: true } });
  }

  /** Hosts on an image whose update-available flag may change when its current revision does. */
  async recomputeUpdateAvailable(imageId: string, architecture: string | null, currentDigest: string): Promise<string[]> {
    const archWhere: Prisma.HostWhereInput = { architecture };
    const changed = await this.prisma.host.findMany({
      where: {
        imageId,
        ...archWhere,
        OR: [
          { updateAvailable: false, bootedDigest: { not: currentDigest } },
          { updateAvailable: true, bootedDigest: currentDigest },
        ],
      },
      select: { id: true, bootedDigest: true },
    });
    const toTrue = changed.filter((h) => h.bootedDigest !== currentDigest && h.bootedDigest !== null).map((h) => h.id);
    const toFalse = changed.filter((h) => h.bootedDigest === currentDigest).map((h) => h.id);
    await this.prisma.$transaction([
      this.prisma.host.updateMany({ where: { id: { in: toTrue } }, data: { updateAvailable: true } }),
      this.prisma.host.updateMany({ where: { id: { in: toFalse } }, data: { updateAvailable: false } }),
    ]);
    return [...toTrue, ...toFalse];
  }

  bootedOn(digest: string): Promise<HostRow[]> {
    return this.prisma.host.findMany({ where: { bootedDigest: digest } });
  }

  async architecturesOnImage(imageId: string): Promise<(string | null)[]> {
    const rows = await this.prisma.host.findMany({ where: { imageId }, distinct: ['architecture'], select: { architecture: true } });
    return rows.map((r) => r.architecture);
  }

  async revisionUsage(imageId: string): Promise<{ digest: string | null; version: string | null; hosts: number }[]> {
    const rows = await this.prisma.host.groupBy({
      by: ['bootedDigest', 'bootedVersion'],
      where: { imageId },
      _count: { _all: true },
      orderBy: { _count: { bootedDigest: 'desc' } },
    });
    return rows.map((r) => ({ digest: r.bootedDigest, version: r.bootedVersion, hosts: r._count._all }));
  }
}
