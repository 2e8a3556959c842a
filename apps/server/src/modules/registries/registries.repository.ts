import { Injectable } from '@nestjs/common';
import { Prisma, type Registry, type RegistryCredentialKind } from '../../generated/prisma/client';
import { isUniqueViolation } from '../../infra/prisma/prisma-errors';
import { PrismaService } from '../../infra/prisma/prisma.service';
import { registerSealedField } from '../../infra/secrets';

export const registrySecretContext = (registryId: string): string => `registry:${registryId}:secret`;

registerSealedField({ model: 'registry', field: 'sealedSecret', context: (row) => registrySecretContext(row.id) });

export type RegistryRow = Registry & { imageCount: number };

export interface RegistryWrite {
  name: string;
  url: string;
  insecure: boolean;
  caPem: string | null;
  credentialKind: RegistryCredentialKind;
  username: string | null;
  sealedSecret: string | null;
}

export interface RegistryTestRecord {
  at: Date;
  ok: boolean;
  latencyMs: number;
  error: { code: string; message: string } | null;
}

const withCount = { _count: { select: { images: true } } } as const;
type RowWithCount = Registry & { _count: { images: number } };

function toRow({ _count, ...registry }: RowWithCount): RegistryRow {
  return { ...registry, imageCount: _count.images };
}

/** Prisma's unique-violation and FK-restrict errors, by code. */
function isRestrictViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && (error.code === 'P2003' || error.code === 'P2014');
}

@Injectable()
export class RegistriesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(): Promise<RegistryRow[]> {
    return (await this.prisma.registry.findMany({ include: withCount, orderBy: { name: 'asc' } })).map(toRow);
  }

  async find(id: string): Promise<RegistryRow | null> {
    const row = await this.prisma.registry.findUnique({ where: { id }, include: withCount });
    return row ? toRow(row) : null;
  }

  async all(): Promise<Registry[]> {
    return this.prisma.registry.findMany({ orderBy: { createdAt: 'asc' } });
  }

  /** Raw: every host refresh resolves its image's registry (see PrismaService on query costs). */
  addresses(): Promise<Pick<Registry, 'id' | 'url'>[]> {
    return this.prisma.query<Pick<Registry, 'id' | 'url'>>(Prisma.sql`SELECT id, url FROM registries ORDER BY created_at`);
  }

  /** Returns null when the name is taken. */
  async create(id: string, data: RegistryWrite): Promise<RegistryRow | null> {
    try {
      return toRow(await this.prisma.registry.create({ data: { id, ...data }, include: withCount }));
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Returns 'name-taken' or 'missing' instead of throwing for the expected failures. */
  async update(id: string, data: Partial<RegistryWrite>): Promise<RegistryRow | 'name-taken' | 'missing'> {
    try {
      return toRow(await this.prisma.registry.update({ where: { id }, data, include: withCount }));
    } catch (error) {
      if (isUniqueViolation(error)) return 'name-taken';
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return 'missing';
      throw error;
    }
  }

  /** 'in-use' while images still refer to the registry. */
  async delete(id: string): Promise<'deleted' | 'missing' | 'in-use'> {
    try {
      const { count } = await this.prisma.registry.deleteMany({ where: { id } });
      return count === 1 ? 'deleted' : 'missing';
    } catch (error) {
      if (isRestrictViolation(error)) return 'in-use';
      throw error;
    }
  }

  async recordTest(id: string, test: RegistryTestRecord): Promise<void> {
    await this.prisma.registry.updateMany({
      where: { id },
      data: { lastTestAt: test.at, lastTestOk: test.ok, lastTestMs: test.latencyMs, lastTestError: test.error ?? Prisma.DbNull },
    });
  }
}
