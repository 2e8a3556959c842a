import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const quarantineRequestSchema = z.object({
  reason: z.string().trim().min(1).max(500).describe('Why this revision is bad; shown to operators'),
});

export const quarantineResponseSchema = z.object({
  revisionId: z.uuid(),
  imageId: z.uuid(),
  digest: z.string(),
  quarantined: z.boolean(),
  quarantinedAt: z.iso.datetime().nullable(),
  // Bounds keep nestjs-zod from documenting a bare nullable string as an array (nestjs-zod#473).
  quarantineReason: z.string().max(500).nullable(),
});

export type QuarantineView = z.infer<typeof quarantineResponseSchema>;

export class QuarantineRequestDto extends createZodDto(quarantineRequestSchema) {}
export class QuarantineResponseDto extends createZodDto(quarantineResponseSchema) {}
