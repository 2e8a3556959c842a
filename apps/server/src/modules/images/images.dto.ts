import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const pollInterval = z.number().int().min(60).max(7 * 86_400);

export const imageCreateSchema = z.object({
  registryId: z.uuid(),
  repository: z.string().trim().min(1).max(255).describe('Repository path in the registry, e.g. fleet/os'),
  tag: z.string().trim().min(1).max(128).default('latest'),
  pollIntervalSeconds: pollInterval.nullable().optional().describe('Own poll interval; null or absent: the settings default'),
});

export const imageUpdateSchema = z.object({
  pollIntervalSeconds: pollInterval.nullable().describe('Own poll interval; null: the settings default'),
});

const failure = z.object({ code: z.string(), message: z.string(), at: z.iso.datetime() });

export const imageRevisionSchema = z.object({
  id: z.uuid(),
  architecture: z.string().describe('OCI architecture: amd64, arm64...'),
  digest: z.string().describe('Platform image manifest digest, as bootc reports it'),
  // Bounds keep nestjs-zod 5.5 from documenting a bare nullable string as an array (nestjs-zod#473).
  indexDigest: z.string().max(200).nullable().describe('Digest of the manifest list it was chosen from, if any'),
  version: z.string().max(1024).nullable().describe('org.opencontainers.image.version'),
  created: z.iso.datetime().nullable(),
  firstSeenAt: z.iso.datetime(),
  current: z.boolean().describe('The tag points at this digest for this architecture now'),
  quarantined: z.boolean().describe('Marked bad: cannot be rolled out, hosts booted on it are flagged'),
  quarantinedAt: z.iso.datetime().nullable(),
  quarantineReason: z.string().max(500).nullable(),
});

export const imageResponseSchema = z.object({
  id: z.uuid(),
  registryId: z.uuid(),
  registryName: z.string(),
  reference: z.string().describe('host[:port]/repository:tag, as hosts name it in spec.image'),
  repository: z.string(),
  tag: z.string(),
  pollIntervalSeconds: z.number().int().nullable(),
  effectivePollIntervalSeconds: z.number().int(),
  lastPolledAt: z.iso.datetime().nullable(),
  nextPollAt: z.iso.datetime().nullable(),
  lastError: failure.nullable().describe('Why the last poll failed; the last known revisions stay current'),
  current: z.array(imageRevisionSchema).describe('Current revision per architecture'),
  revisionCount: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
});

export type ImageCreate = z.infer<typeof imageCreateSchema>;
export type ImageUpdate = z.infer<typeof imageUpdateSchema>;
export type ImageView = z.infer<typeof imageResponseSchema>;
export type ImageRevisionView = z.infer<typeof imageRevisionSchema>;

export class ImageCreateDto extends createZodDto(imageCreateSchema) {}
export class ImageUpdateDto extends createZodDto(imageUpdateSchema) {}
export class ImageResponseDto extends createZodDto(imageResponseSchema) {}
export class ImageRevisionResponseDto extends createZodDto(imageRevisionSchema) {}
