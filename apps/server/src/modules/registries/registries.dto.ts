import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { registryUrlProblem } from './registry-url';

const MAX_CA_PEM = 64 * 1024;

const name = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._ -]{0,62}$/, 'must be 1-63 letters, digits, spaces, ".", "_" or "-", starting with a letter or digit');

const url = z
  .string()
  .trim()
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = registryUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const caPem = z
  .string()
  .max(MAX_CA_PEM)
  .refine((v) => v.includes('-----BEGIN CERTIFICATE-----'), 'must be one or more PEM certificates (-----BEGIN CERTIFICATE-----)')
  .nullable();

const username = z.string().trim().min(1).max(255);
const password = z.string().min(1).max(4096);
const token = z.string().trim().min(1).max(16_384);

/** On create the secret is required; on update and dry-run tests an omitted secret keeps the stored one. */
function credentialsSchema(secret: 'required' | 'optional') {
  const maybe = <T extends z.ZodType>(s: T) => (secret === 'required' ? s : s.optional());
  return z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('basic'), username, password: maybe(password) }),
    z.object({ kind: z.literal('token'), token: maybe(token) }),
  ]);
}

export type CredentialsInput = z.infer<ReturnType<typeof credentialsSchema>>;

export const registryCreateSchema = z.object({
  name,
  url,
  insecure: z.boolean().default(false).describe('Skip TLS certificate verification'),
  caPem: caPem.optional().describe('Extra CA certificate(s) to trust, PEM'),
  credentials: credentialsSchema('required').default({ kind: 'none' }),
});

export const registryUpdateSchema = z.object({
  name: name.optional(),
  url: url.optional(),
  insecure: z.boolean().optional(),
  caPem: caPem.optional(),
  credentials: credentialsSchema('optional').optional(),
});

/** An unsaved registry to test; `id` lets an edit form test without typing the stored secret again. */
export const registryDraftSchema = registryUpdateSchema.extend({
  id: z.uuid().optional(),
  url,
  credentials: credentialsSchema('optional').default({ kind: 'none' }),
});

const failure = z.object({ code: z.string(), message: z.string() });

export const registryTestResultSchema = z.object({
  ok: z.boolean(),
  latencyMs: z.number().int().nonnegative(),
  error: failure.optional(),
});

export const registryResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  url: z.string(),
  host: z.string().describe('host[:port] as image references name this registry'),
  insecure: z.boolean(),
  // A bound keeps nestjs-zod 5.5 from documenting a bare nullable string as an array (nestjs-zod#473).
  caPem: z.string().max(MAX_CA_PEM).nullable(),
  credentials: z.object({
    kind: z.enum(['none', 'basic', 'token']),
    username: z.string().nullable(),
    hasSecret: z.boolean().describe('A password or token is stored (never returned)'),
  }),
  lastTest: z
    .object({ at: z.iso.datetime(), ok: z.boolean(), latencyMs: z.number().int().nullable(), error: failure.nullable() })
    .nullable(),
  imageCount: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type RegistryView = z.infer<typeof registryResponseSchema>;
export type RegistryTestResult = z.infer<typeof registryTestResultSchema>;
export type RegistryCreate = z.infer<typeof registryCreateSchema>;
export type RegistryUpdate = z.infer<typeof registryUpdateSchema>;
export type RegistryDraft = z.infer<typeof registryDraftSchema>;

export class RegistryCreateDto extends createZodDto(registryCreateSchema) {}
export class RegistryUpdateDto extends createZodDto(registryUpdateSchema) {}
export class RegistryDraftDto extends createZodDto(registryDraftSchema) {}
export class RegistryResponseDto extends createZodDto(registryResponseSchema) {}
export class RegistryTestResultDto extends createZodDto(registryTestResultSchema) {}
