import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Principal } from '../../common/auth/principal';
import { lowerRole, type Role, roleAtLeast } from '../../common/auth/roles';
import { DomainError } from '../../common/domain-error';
import { sha256Hex } from '../auth/secret-token';
import { apiTokenPrefix, newApiToken } from './api-token-format';
import type { TokenCreatedDto, TokenResponseDto } from './tokens.dto';
import { type ApiTokenWithUser, TokensRepository } from './tokens.repository';

const TOUCH_INTERVAL_MS = 60_000;
const DAY_MS = 86_400_000;

function toResponse(t: ApiTokenWithUser): TokenResponseDto {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    role: t.role,
    owner: t.user.username,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class TokensService {
  constructor(private readonly repository: TokensRepository) {}

  /** Only a signed-in user mints tokens, never above their own role. */
  async create(creator: Principal, input: { name: string; role: Role; expiresInDays?: number | undefined }, now = new Date()): Promise<TokenCreatedDto> {
    if (creator.kind !== 'user') throw new DomainError('forbidden', 'USER_SESSION_REQUIRED', 'API tokens cannot create API tokens');
    if (!roleAtLeast(creator.role, input.role)) {
      throw new DomainError('forbidden', 'TOKEN_ROLE_TOO_HIGH', `A ${creator.role} cannot create a ${input.role} token`, { role: creator.role });
    }
    const { token, prefix } = newApiToken();
    const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null;
    const record = await this.repository.create({ name: input.name, prefix, secretHash: sha256Hex(token), role: input.role, userId: creator.userId, expiresAt });
    return { ...toResponse(record), token };
  }

  /** Admins see every token; others their own. */
  async list(principal: Principal): Promise<TokenResponseDto[]> {
    return (await this.repository.list(principal.role === 'admin' ? undefined : principal.userId)).map(toResponse);
  }

  async revoke(principal: Principal, id: string, now = new Date()): Promise<TokenResponseDto> {
    const token = await this.repository.findById(id);
    if (!token || (token.userId !== principal.userId && principal.role !== 'admin')) {
      throw new DomainError('not_found', 'TOKEN_NOT_FOUND', 'No such API token', { id });
    }
    await this.repository.revoke(id, now);
    return toResponse((await this.repository.findById(id))!);
  }

  /** The principal an `Authorization: Bearer` token stands for, or undefined if it is not valid. */
  async authenticate(raw: string, now = new Date()): Promise<Principal | undefined> {
    const prefix = apiTokenPrefix(raw);
    if (!prefix) return undefined;
    const token = await this.repository.findByPrefix(prefix);
    if (!token) return undefined;
    const expected = Buffer.from(token.secretHash, 'hex');
    const actual = Buffer.from(sha256Hex(raw), 'hex');
    if (!timingSafeEqual(expected, actual) || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return undefined;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) await this.repository.touch(token.id, now);
    // The owner's role today caps the token: demoting a user demotes their tokens.
    return { kind: 'token', id: token.id, name: `${token.name} (${token.user.username})`, role: lowerRole(token.role, token.user.role), userId: token.userId };
  }
}
