import { Injectable } from '@nestjs/common';
import { type Host, type HostEvent, Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { HostListQuery } from './hosts.dto';
import type { HostEventDraft } from './host-observation';
import { hostCountSql, hostFilterSql, hostPageSql, SUMMARY_FIELDS, type HostSummaryRow } from './host-list-sql';

export type HostRow = Host;
export type HostEventRow = HostEvent;
export type PageEntry = { id: string; version: string; filterChanges: number };

const FILTER_CHANGES = Prisma.sql`COALESCE(pg_sequence_last_value('hosts_filter_changes'::regclass), 0)::float8`;

@Injectable()
export class HostsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One page's hosts, in order, by id and row version (xmin: moved by every committed change of the row, see
   * SummaryCache); each also carries the filter-change counter, read by the same statement (see HostTotals).
   */
  page(q: HostListQuery): Promise<PageEntry[]> {
    const columns = Prisma.sql`id, xmin::text AS version, (SELECT ${FILTER_CHANGES}) AS "filterChanges"`;
    return this.prisma.query<PageEntry>(hostPageSql(q, columns, this.prisma.column('Host', q.sort)));
  }

  /** The summaries of these hosts, with their row versions (in no particular order; deleted hosts are missing). */
  summaries(ids: readonly string[]): Promise<(HostSummaryRow & { version: string })[]> {
    return this.prisma.query(Prisma.sql`SELECT ${this.prisma.columns('Host', SUMMARY_FIELDS)}, xmin::text AS version FROM hosts WHERE id = ANY(${ids}::uuid[])`, 'host-summaries-by-ids');
  }

  async count(q: Partial<HostListQuery>): Promise<number> {
    const [row] = await this.prisma.query<{ total: number }>(hostCountSql(q));
    return row?.total ?? 0;
  }

  /** How often a column the list filters on has changed (a trigger counts it; see the hosts_filter_change_trigger migration). */
  async filterChanges(): Promise<number> {
    const [row] = await this.prisma.query<{ changes: number }>(Prisma.sql`SELECT ${FILTER_CHANGES} AS changes`, 'host-filter-changes');
    return row?.changes ?? 0;
  }

  /** Raw: every refresh and host step starts here (see PrismaService on query costs). */
  async find(id: string): Promise<HostRow | null> {
    const [row] = await this.prisma.query<HostRow>(Prisma.sql`SELECT ${this.prisma.columns('Host')} FROM hosts WHERE id = ${id}::uuid`, 'host-by-id');
    return row ?? null;
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

  /**
   * Applies a refresh's result and its history entries in one transaction (null: the host was deleted meanwhile).
   * Raw SQL: this runs for every host of every sweep (see PrismaService on model query cost).
   */
  async applyRefresh(id: string, data: Prisma.HostUncheckedUpdateInput, events: HostEventDraft[]): Promise<HostRow | null> {
    const update = async (db: Pick<PrismaService, '$queryRaw'>) => {
      const [host] = await db.$queryRaw<HostRow[]>`
        UPDATE hosts SET ${this.prisma.assignments('Host', { ...data, updatedAt: new Date() })} WHERE id = ${id}::uuid
        RETURNING ${this.prisma.columns('Host')}`;
      return host ?? null;
    };
    // Most refreshes change nothing worth a history entry: one statement, no transaction around it.
    if (events.length === 0) return update(this.prisma);
    return this.prisma.$transaction(async (tx) => {
      const host = await update(tx);
      if (host) {
        await tx.$executeRaw`
          INSERT INTO host_events (id, host_id, kind, summary, from_value, to_value)
          SELECT gen_random_uuid(), ${id}::uuid, e.kind, e.summary, e."fromValue", e."toValue"
          FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS e(kind text, summary text, "fromValue" text, "toValue" text)`;
      }
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
    return this.prisma.query<{ id: string }>(Prisma.sql`SELECT id FROM hosts WHERE ${hostFilterSql(filter ?? {})} AND status <> 'pending'::"HostStatus"`);
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
