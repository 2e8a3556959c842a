import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

export interface FleetKeyRow {
  id: string;
  publicKey: string;
  privateKeySealed: string;
  fingerprint: string;
  createdAt: Date;
}

@Injectable()
export class FleetKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  current(): Promise<FleetKeyRow | null> {
    return this.prisma.fleetKey.findFirst({ where: { current: true } });
  }

  /** Inserts the key unless another process already did: the unique index admits one current key. */
  async insertIfNone(key: Omit<FleetKeyRow, 'createdAt'>): Promise<void> {
    await this.prisma.fleetKey.createMany({ data: [{ ...key, current: true }], skipDuplicates: true });
  }
}
