import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Role } from '../../common/auth/roles';
import { DomainError } from '../../common/domain-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { isUniqueViolation } from '../../infra/prisma/prisma-errors';
import { SessionService } from '../auth/session.service';
import type { UserResponseDto } from './users.dto';
import { hashPassword } from './password-hash';
import { type UserRecord, UsersRepository } from './users.repository';

export function toUserResponse(u: UserRecord): UserResponseDto {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    passwordChangedAt: u.passwordChangedAt.toISOString(),
  };
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly repository: UsersRepository,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** BOOTFLEET_ADMIN_USERNAME/PASSWORD create the first admin; ignored once any user exists. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.initialAdmin;
    if (!admin) return;
    const created = await this.repository.createIfNoUser({ username: admin.username, passwordHash: await hashPassword(admin.password), role: 'admin' });
    if (created) this.logger.log(`created the initial admin "${admin.username}" from the environment`);
  }

  async setupNeeded(): Promise<boolean> {
    return (await this.repository.count()) === 0;
  }

  /** The one-time setup: creates the first admin only while no user exists. */
  async createFirstAdmin(username: string, password: string): Promise<UserRecord> {
    const created = await this.repository.createIfNoUser({ username, passwordHash: await hashPassword(password), role: 'admin' });
    if (!created) throw new DomainError('conflict', 'SETUP_DONE', 'bootfleet is already set up: sign in instead');
    return created;
  }

  list(): Promise<UserRecord[]> {
    return this.repository.list();
  }

  findByUsername(username: string): Promise<UserRecord | null> {
    return this.repository.findByUsername(username);
  }

  async get(id: string): Promise<UserRecord> {
    const user = await this.repository.findById(id);
    if (!user) throw new DomainError('not_found', 'USER_NOT_FOUND', 'No such user', { id });
    return user;
  }

  async create(input: { username: string; password: string; role: Role }): Promise<UserRecord> {
    try {
      return await this.repository.create({ username: input.username, passwordHash: await hashPassword(input.password), role: input.role });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('conflict', 'USERNAME_TAKEN', 'A user with this name exists', { username: input.username });
      throw err;
    }
  }

  async setRole(id: string, role: Role): Promise<UserRecord> {
    await this.get(id);
    if (!(await this.repository.setRole(id, role))) throw new DomainError('conflict', 'LAST_ADMIN', 'bootfleet needs at least one admin');
    this.sessions.forget(); // the user's next request has the new role, in this process at once
    return this.get(id);
  }

  async delete(id: string, actingUserId: string): Promise<void> {
    if (id === actingUserId) throw new DomainError('conflict', 'CANNOT_DELETE_SELF', 'Ask another admin to delete your account');
    await this.get(id);
    if (!(await this.repository.deleteUnlessLastAdmin(id))) throw new DomainError('conflict', 'LAST_ADMIN', 'bootfleet needs at least one admin');
    this.sessions.forget();
  }

  /** Sets a password and signs the user out everywhere except `keepSessionId`. */
  async setPassword(id: string, password: string, keepSessionId?: string): Promise<void> {
    await this.repository.setPasswordHash(id, await hashPassword(password));
    await this.sessions.endAllFor(id, keepSessionId);
  }

  async recordLogin(id: string): Promise<void> {
    await this.repository.touchLogin(id);
  }
}
