import { Injectable } from '@nestjs/common';
import { Prisma, type Session, type User } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';

/** What resolving a session cookie needs: the session's times and who it belongs to. */
export type SessionWithUser = Pick<Session, 'id' | 'expiresAt' | 'lastSeenAt'> & { user: Pick<User, 'id' | 'username' | 'role'> };

@Injectable()
export class SessionRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(data: { tokenHash: string; userId: string; expiresAt: Date; sourceAddress: string | undefined }): Promise<Session> {
    return this.prisma.session.create({ data: { ...data, sourceAddress: data.sourceAddress ?? null } });
  }

  /** Raw: runs on every signed-in request (see PrismaService on query costs). */
  async findByTokenHash(tokenHash: string): Promise<SessionWithUser | null> {
    const [row] = await this.prisma.query<Pick<Session, 'id' | 'expiresAt' | 'lastSeenAt'> & { userId: string; username: string; role: User['role'] }>(Prisma.sql`
      SELECT s.id, s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt", u.id AS "userId", u.username, u.role
      FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ${tokenHash}`, 'session-by-token-hash');
    return row ? { id: row.id, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt, user: { id: row.userId, username: row.username, role: row.role } } : null;
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
