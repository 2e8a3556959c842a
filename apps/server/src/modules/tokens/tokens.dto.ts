import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ROLES } from '../../common/auth/roles';

export const tokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The public part, to recognise a token: `bft_<prefix>_…`. */
  prefix: z.string(),
  role: z.enum(ROLES),
  owner: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});

export class TokenResponseDto extends createZodDto(tokenSchema) {}
/** Returned once, at creation: the token itself is never shown again. */
export class TokenCreatedDto extends createZodDto(tokenSchema.extend({ token: z.string() })) {}
export class TokenCreateDto extends createZodDto(
  z.strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, 'must be 1-64 letters, digits, spaces, ".", "_" or "-"'),
    role: z.enum(ROLES),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  }),
) {}
export class TokenIdParamsDto extends createZodDto(z.strictObject({ id: z.uuid() })) {}
