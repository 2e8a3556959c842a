import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { passwordSchema, plainText, usernameSchema } from '../../common/auth/credential-rules';
import { ROLES } from '../../common/auth/roles';

// Login accepts any bounded string: a stricter rule would tell an attacker which names can exist.
export class LoginDto extends createZodDto(z.strictObject({ username: plainText(64).min(1), password: z.string().min(1).max(1024) })) {}
export class SetupDto extends createZodDto(z.strictObject({ username: usernameSchema, password: passwordSchema })) {}
export class PasswordChangeDto extends createZodDto(z.strictObject({ currentPassword: z.string().min(1).max(1024), newPassword: passwordSchema })) {}

export const meSchema = z.object({
  kind: z.enum(['user', 'token']),
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  /** Echo of the CSRF token for cookie sessions (also in the bootfleet_csrf cookie). */
  csrfToken: z.string().nullable(),
});
export class MeResponseDto extends createZodDto(meSchema) {}
export class SetupStatusDto extends createZodDto(z.object({ needed: z.boolean() })) {}
