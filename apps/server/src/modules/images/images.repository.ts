import { Injectable } from '@nestjs/common';
import { Prisma, type Image, type ImageRevision } from '../../generated/prisma/client';
import { isUniqueViolation } from '../../infra/prisma/prisma-errors';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { PollState } from './poll-schedule';
import { changedRevisions, type ResolvedRevision } from './revision-changes';

export type ImageRow = Image & {
  registry: { name: string; url: string };
  revisions: ImageRevision[];
  _count: { revisions: number };
};

const imageInclude = {
  registry: { select: { name: true, url: true } },
  revisions: { where: { current: true }, orderBy: { architecture: 'asc' } },
  _count: { select: { revisions: true } },
} as const;

export interface PollFailure {
  code: string;
  message: string;
}

@Injectable()
export class ImagesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(): Promise<ImageRow[]> {
    return this.prisma.image.findMany({ include: imageInclude, orderBy: [{ repository: 'asc' }, { tag: 'asc' }] });
  }

  async find(id: string): Promise<ImageRow | null> {
    return this.prisma.image.findUnique({ where: { id }, include: imageInclude });
  }

  async findByTag(registryIds: readonly string[], repository: string, tag: string): Promise<{ id: string } | null> {
    return this.prisma.image.findFirst({ where: { registryId: { in: [...registryIds] }, repository, tag }, select: { id: true } });
  }

  async revisions(imageId: string): Promise<ImageRevision[]> {
    return this.prisma.imageRevision.findMany({ where: { imageId }, orderBy: [{ firstSeenAt: 'desc' }, { architecture: 'asc' }] });
  }

  async currentDigest(imageId: string, architecture: string): Promise<string | null> {
    const row = await this.prisma.imageRevision.findFirst({ where: { imageId, architecture, current: true }, select: { digest: true } });
    return row?.digest ?? null;
  }

  async pollStates(): Promise<PollState[]> {
    return this.prisma.image.findMany({ select: { id: true, lastPolledAt: true, pollIntervalSeconds: true } });
  }

  /** Architectures reported by the hosts whose spec image is this image. */
  async hostArchitectures(imageId: string): Promise<(string | null)[]> {
    const rows = await this.prisma.host.findMany({ where: { imageId }, distinct: ['architecture'], select: { architecture: true } });
    return rows.map((r) => r.architecture);
  }

  /**
   * Creates the image with its first revisions, all current, in one transaction. Returns null
   * when the registry already tracks this repository and tag.
   */
  async create(
    data: { registryId: string; repository: string; tag: string; pollIntervalSeconds: number | null },
    revisions: readonly ResolvedRevision[],
    polledAt: Date,
  ): Promise<ImageRow | null> {
    try {
      return await this.prisma.image.create({
        data: {
          ...data,
          lastPolledAt: polledAt,
          revisions: { create: revisions.map((r) => ({ ...r, current: true, firstSeenAt: polledAt })) },
        },
        include: imageInclude,
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async updatePollInterval(id: string, pollIntervalSeconds: number | null): Promise<boolean> {
    const { count } = await this.prisma.image.updateMany({ where: { id }, data: { pollIntervalSeconds } });
    return count === 1;
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.image.deleteMany({ where: { id } });
    return count === 1;
  }

  /**
   * Records one poll: every resolved digest that is not current becomes the current revision of
   * its architecture (created on first sight, re-marked when the tag moves back), and the poll's
   * time and failure are stored. Returns the revisions that became current. Serialised per image by
   * locking its row, so that two polls of one image never both mark a revision current.
   */
  async recordPoll(imageId: string, resolved: readonly ResolvedRevision[], failure: PollFailure | null, polledAt: Date): Promise<ResolvedRevision[] | null> {
    return this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM images WHERE id = ${imageId}::uuid FOR UPDATE`;
      if (locked.length === 0) return null;
      const current = await tx.imageRevision.findMany({ where: { imageId, current: true }, select: { architecture: true, digest: true } });
      const changed = changedRevisions(new Map(current.map((c) => [c.architecture, c.digest])), resolved);
      for (const revision of changed) {
        await tx.imageRevision.updateMany({ where: { imageId, architecture: revision.architecture, current: true }, data: { current: false } });
        await tx.imageRevision.upsert({
          where: { imageId_architecture_digest: { imageId, architecture: revision.architecture, digest: revision.digest } },
          create: { imageId, ...revision, current: true, firstSeenAt: polledAt },
          update: { current: true },
        });
      }
      await tx.image.update({
        where: { id: imageId },
        data: {
          lastPolledAt: polledAt,
          lastError: failure ? { ...failure } : Prisma.DbNull,
          lastErrorAt: failure ? polledAt : null,
        },
      });
      return changed;
    });
  }
}
