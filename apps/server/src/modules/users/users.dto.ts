import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { passwordSchema, usernameSchema } from '../../common/auth/credential-rules';
import { ROLES } from '../../common/auth/roles';

export const roleSchema = z.enum(ROLES);

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  role: roleSchema,
  createdAt: z.iso.datetime(),
  lastLoginAt: z.iso.datetime().nullable(),
  passwordChangedAt: z.iso.datetime(),
});

export class UserResponseDto extends createZodDto(userSchema) {}
export class UserCreateDto extends createZodDto(z.strictObject({ username: usernameSchema, password: passwordSchema, role: roleSchema })) {}
export class UserUpdateDto extends createZodDto(z.strictObject({ role: roleSchema })) {}
export class UserPasswordResetDto extends createZodDto(z.strictObject({ password: passwordSchema })) {}
export class UserIdParamsDto extends createZodDto(z.strictObject({ id: z.uuid() })) {}
