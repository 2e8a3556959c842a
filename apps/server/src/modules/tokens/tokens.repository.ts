import { Injectable } from '@nestjs/common';
import { type ApiToken, Prisma, type User } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { Role } from '../../common/auth/roles';

export type ApiTokenWithUser = ApiToken & { user: Pick<User, 'id' | 'username' | 'role'> };
const withUser = { user: { select: { id: true, username: true, role: true } } } as const;

@Injectable()
export class TokensRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { name: string; prefix: string; secretHash: string; role: Role; userId: string; expiresAt: Date | null }): Promise<ApiTokenWithUser> {
    return this.prisma.apiToken.create({ data, include: withUser });
  }

  /** Raw: runs on every request an API token signs (see PrismaService on query costs). */
  async findByPrefix(prefix: string): Promise<ApiTokenWithUser | null> {
    const [row] = await this.prisma.query<ApiToken & { username: string; userRole: User['role'] }>(
      Prisma.sql`SELECT t.*, u.username, u.role AS "userRole" FROM (SELECT ${this.prisma.columns('ApiToken')} FROM api_tokens WHERE prefix = ${prefix}) t JOIN users u ON u.id = t."userId"`,
      'api-token-by-prefix',
    );
    if (!row) return null;
    const { username, userRole, ...token } = row;
    return { ...token, user: { id: token.userId, username, role: userRole } };
  }

  findById(id: string): Promise<ApiTokenWithUser | null> {
    return this.prisma.apiToken.findUnique({ where: { id }, include: withUser });
  }

  list(userId: string | undefined): Promise<ApiTokenWithUser[]> {
    return this.prisma.apiToken.findMany({ where: userId ? { userId } : {}, include: withUser, orderBy: { createdAt: 'desc' } });
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.prisma.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.apiToken.updateMany({ where: { id }, data: { lastUsedAt: at } });
  }
}
