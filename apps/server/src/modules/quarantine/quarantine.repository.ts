import { Injectable } from '@nestjs/common';
import { type ImageRevision, Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';

export interface QuarantineChange {
  quarantined: boolean;
  quarantinedAt: Date | null;
  quarantineReason: string | null;
}

/** The quarantine columns of image revisions (the rest of the table belongs to the images module). */
@Injectable()
export class QuarantineRepository {
  constructor(private readonly prisma: PrismaService) {}

  findRevision(imageId: string, revisionId: string): Promise<ImageRevision | null> {
    return this.prisma.imageRevision.findFirst({ where: { id: revisionId, imageId } });
  }

  setQuarantine(revisionId: string, change: QuarantineChange): Promise<ImageRevision> {
    return this.prisma.imageRevision.update({ where: { id: revisionId }, data: change });
  }

  /** Reasons of the quarantined revisions with this digest (one digest may be tracked by several tags). */
  /** Raw: asked on every host refresh (see PrismaService on query costs). */
  async quarantineReasons(digest: string): Promise<string[]> {
    const rows = await this.prisma.query<{ reason: string | null }>(Prisma.sql`SELECT quarantine_reason AS reason FROM image_revisions WHERE digest = ${digest} AND quarantined`, 'quarantine-reason-by-digest');
    return rows.map((r) => r.reason ?? '');
  }
}
