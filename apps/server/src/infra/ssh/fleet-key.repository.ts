import { Injectable } from '@nestjs/common';
import { type FleetKey, Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';

export type FleetKeyRow = Omit<FleetKey, 'current'>;
const ROW_FIELDS = ['id', 'publicKey', 'privateKeySealed', 'fingerprint', 'createdAt'] as const satisfies readonly (keyof FleetKeyRow)[];

@Injectable()
export class FleetKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Raw: read for every new SSH connection (see PrismaService on query costs). */
  async current(): Promise<FleetKeyRow | null> {
    const [row] = await this.prisma.query<FleetKeyRow>(Prisma.sql`SELECT ${this.prisma.columns('FleetKey', ROW_FIELDS)} FROM fleet_keys WHERE current`);
    return row ?? null;
  }

  /** Inserts the key unless another process already did: the unique index admits one current key. */
  async insertIfNone(key: Omit<FleetKeyRow, 'createdAt'>): Promise<void> {
    await this.prisma.fleetKey.createMany({ data: [{ ...key, current: true }], skipDuplicates: true });
  }
}
