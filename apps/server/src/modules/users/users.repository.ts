import { Injectable } from '@nestjs/common';
import type { User } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { Role } from '../../common/auth/roles';

export type UserRecord = User;

// Serialises "create the first admin" between server processes.
const FIRST_USER_LOCK = 0x626f6f74; // 'boot'

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(): Promise<UserRecord[]> {
    return this.prisma.user.findMany({ orderBy: { username: 'asc' } });
  }

  findById(id: string): Promise<UserRecord | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  findByUsername(username: string): Promise<UserRecord | null> {
    return this.prisma.user.findUnique({ where: { username } });
  }

  count(): Promise<number> {
    return this.prisma.user.count();
  }

  countAdmins(): Promise<number> {
    return this.prisma.user.count({ where: { role: 'admin' } });
  }

  create(data: { username: string; passwordHash: string; role: Role }): Promise<UserRecord> {
    return this.prisma.user.create({ data });
  }

  /** Creates the user only while the table is empty; undefined when someone was first. */
  async createIfNoUser(data: { username: string; passwordHash: string; role: Role }): Promise<UserRecord | undefined> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_USER_LOCK})`;
      if ((await tx.user.count()) > 0) return undefined;
      return tx.user.create({ data });
    });
  }

  /** Changes a role unless that would leave no admin; false when refused. */
  async setRole(id: string, role: Role): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_USER_LOCK})`;
      if (role !== 'admin') {
        const otherAdmins = await tx.user.count({ where: { role: 'admin', id: { not: id } } });
        if (otherAdmins === 0) return false;
      }
      await tx.user.update({ where: { id }, data: { role } });
      return true;
    });
  }

  /** Deletes a user unless it is the last admin; false when refused. Sessions and tokens cascade. */
  async deleteUnlessLastAdmin(id: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_USER_LOCK})`;
      const otherAdmins = await tx.user.count({ where: { role: 'admin', id: { not: id } } });
      if (otherAdmins === 0) return false;
      await tx.user.delete({ where: { id } });
      return true;
    });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { passwordHash, passwordChangedAt: new Date() } });
  }

  async touchLogin(id: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { lastLoginAt: new Date() } });
  }
}
