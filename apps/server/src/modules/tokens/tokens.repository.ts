import { Injectable } from '@nestjs/common';
import type { ApiToken, User } from '../../generated/prisma/client';
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

  findByPrefix(prefix: string): Promise<ApiTokenWithUser | null> {
    return this.prisma.apiToken.findUnique({ where: { prefix }, include: withUser });
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
