import { Injectable } from '@nestjs/common';
import type { Session, User } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';

export type SessionWithUser = Session & { user: User };

@Injectable()
export class SessionRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(data: { tokenHash: string; userId: string; expiresAt: Date; sourceAddress: string | undefined }): Promise<Session> {
    return this.prisma.session.create({ data: { ...data, sourceAddress: data.sourceAddress ?? null } });
  }

  findByTokenHash(tokenHash: string): Promise<SessionWithUser | null> {
    return this.prisma.session.findUnique({ where: { tokenHash }, include: { user: true } });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.session.updateMany({ where: { id }, data: { lastSeenAt: at } });
  }

  async deleteById(id: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id } });
  }

  async deleteForUser(userId: string, exceptId?: string): Promise<number> {
    const r = await this.prisma.session.deleteMany({ where: { userId, ...(exceptId ? { id: { not: exceptId } } : {}) } });
    return r.count;
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.prisma.session.deleteMany({ where: { expiresAt: { lt: now } } });
  }
}
