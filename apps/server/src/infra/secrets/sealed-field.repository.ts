import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import type { SealedField } from './sealed-fields';

type Row = Record<string, unknown> & { id: string };
interface Delegate {
  findMany(args: { select: Record<string, true> }): Promise<Row[]>;
  update(args: { where: { id: string }; data: Record<string, string> }): Promise<unknown>;
}

const ROTATION_TIMEOUT_MS = 10 * 60_000;

function selection(f: SealedField): Record<string, true> {
  const select: Record<string, true> = { id: true, [f.field]: true };
  for (const extra of f.select ?? []) select[extra] = true;
  return select;
}

/** Reads and rewrites registered sealed columns generically, for the master key rotation. */
@Injectable()
export class SealedFieldRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Every stored sealed value with the context it opens under (for checks such as the dump test). */
  async readAll(fields: readonly SealedField[]): Promise<{ field: string; id: string; sealed: string; context: string }[]> {
    const out: { field: string; id: string; sealed: string; context: string }[] = [];
    for (const f of fields) {
      const delegate = (this.prisma as unknown as Record<string, Delegate | undefined>)[f.model];
      if (!delegate) throw new Error(`sealed field ${f.model}.${f.field}: no such Prisma model`);
      for (const row of await delegate.findMany({ select: selection(f) })) {
        const value = row[f.field];
        if (typeof value === 'string') out.push({ field: `${f.model}.${f.field}`, id: row.id, sealed: value, context: f.context(row) });
      }
    }
    return out;
  }

  /**
   * Rewrites every non-null value of every field through `reseal`, in one transaction: either all
   * values move to the new key or none do. Returns how many values were rewritten per field.
   */
  async resealAll(fields: readonly SealedField[], reseal: (sealed: string, context: string) => string): Promise<Record<string, number>> {
    return this.prisma.$transaction(
      async (tx) => {
        const counts: Record<string, number> = {};
        for (const f of fields) {
          const delegate = (tx as unknown as Record<string, Delegate | undefined>)[f.model];
          if (!delegate) throw new Error(`sealed field ${f.model}.${f.field}: no such Prisma model`);
          let n = 0;
          for (const row of await delegate.findMany({ select: selection(f) })) {
            const value = row[f.field];
            if (typeof value !== 'string') continue;
            await delegate.update({ where: { id: row.id }, data: { [f.field]: reseal(value, f.context(row)) } });
            n++;
          }
          counts[`${f.model}.${f.field}`] = n;
        }
        return counts;
      },
      { timeout: ROTATION_TIMEOUT_MS, maxWait: 30_000 },
    );
  }
}
