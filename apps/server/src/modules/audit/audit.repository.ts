import { Injectable } from '@nestjs/common';
import type { AuditEvent, Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';

export type AuditEventRecord = AuditEvent;

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  target?: string | undefined;
  result?: AuditEvent['result'] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

function where(f: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(f.actor ? { actor: { contains: f.actor, mode: 'insensitive' } } : {}),
    ...(f.action ? { action: { startsWith: f.action } } : {}),
    ...(f.target ? { target: { contains: f.target, mode: 'insensitive' } } : {}),
    ...(f.result ? { result: f.result } : {}),
    ...(f.from || f.to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
}

/** Insert and read only: there is deliberately no update or delete (and a trigger refuses them). */
@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(data: Prisma.AuditEventUncheckedCreateInput): Promise<void> {
    await this.prisma.auditEvent.create({ data });
  }

  async page(filter: AuditFilter, offset: number, limit: number): Promise<{ items: AuditEventRecord[]; total: number }> {
    const [items, total] = await this.prisma.$transaction([
      this.prisma.auditEvent.findMany({ where: where(filter), orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: offset, take: limit }),
      this.prisma.auditEvent.count({ where: where(filter) }),
    ]);
    return { items, total };
  }

  /** Newest first, in batches, for exports of any size without holding them in memory. */
  async *stream(filter: AuditFilter, batch = 1000): AsyncGenerator<AuditEventRecord> {
    let cursor: { id: string } | undefined;
    for (;;) {
      const rows = await this.prisma.auditEvent.findMany({
        where: where(filter),
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take: batch,
        ...(cursor ? { cursor, skip: 1 } : {}),
      });
      yield* rows;
      if (rows.length < batch) return;
      cursor = { id: rows[rows.length - 1]!.id };
    }
  }
}
