import { Injectable } from '@nestjs/common';
import { Prisma, type Setting } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';

@Injectable()
export class SettingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Raw: read on every host refresh (see PrismaService on query costs). */
  async readAll(): Promise<Map<string, unknown>> {
    const rows = await this.prisma.query<Pick<Setting, 'key' | 'value'>>(Prisma.sql`SELECT key, value FROM settings`);
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  async writeAll(values: Record<string, Prisma.InputJsonValue>): Promise<void> {
    await this.prisma.$transaction(
      Object.entries(values).map(([key, value]) => this.prisma.setting.upsert({ where: { key }, create: { key, value }, update: { value } })),
    );
  }
}
