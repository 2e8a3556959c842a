import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { plainText } from '../../common/auth/credential-rules';

const auditResult = z.enum(['success', 'failure', 'denied']);

export const auditFilterSchema = z.strictObject({
  actor: plainText(200).optional(),
  action: plainText(200).optional(),
  target: plainText(500).optional(),
  result: auditResult.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export class AuditQueryDto extends createZodDto(
  auditFilterSchema.extend({
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  }),
) {}

export class AuditExportQueryDto extends createZodDto(auditFilterSchema.extend({ format: z.enum(['csv', 'json']).default('csv') })) {}

export const auditEventSchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  actorKind: z.enum(['user', 'token', 'one_time_token', 'anonymous', 'system']),
  actorId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  result: auditResult,
  errorCode: z.string().nullable(),
  source: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export class AuditEventDto extends createZodDto(auditEventSchema) {}
export class AuditPageDto extends createZodDto(z.object({ items: z.array(auditEventSchema), total: z.number().int() })) {}
