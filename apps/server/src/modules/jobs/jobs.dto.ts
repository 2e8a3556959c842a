import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

export const jobSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  title: z.string(),
  state: z.enum(JOB_STATES),
  hostId: z.uuid().nullable(),
  actor: z.string(),
  step: z.string().nullable(),
  progress: z.record(z.string(), z.unknown()).nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});
export class JobDto extends createZodDto(jobSchema) {}

export const jobPageSchema = z.object({ items: z.array(jobSchema), total: z.number(), page: z.number(), pageSize: z.number() });
export class JobPageDto extends createZodDto(jobPageSchema) {}

export const jobListQuerySchema = z.object({
  hostId: z.uuid().optional(),
  type: z.string().regex(/^[a-z][a-z0-9.-]*$/).max(64).optional(),
  state: z.enum(JOB_STATES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export class JobListQueryDto extends createZodDto(jobListQuerySchema) {}

export const jobLogQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export class JobLogQueryDto extends createZodDto(jobLogQuerySchema) {}

export const jobLogSchema = z.object({
  items: z.array(z.object({ seq: z.number(), at: z.iso.datetime(), stream: z.enum(['stdout', 'stderr', 'info']), line: z.string() })),
});
export class JobLogDto extends createZodDto(jobLogSchema) {}
