import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ATTENTION_FLAGS } from './host-observation';
import { addressSchema, fingerprintSchema, groupSchema, hostNameSchema, labelsSchema, parseLabel, portSchema, privateKeySchema, sshUserSchema } from './host-rules';

// ---- requests ----

export const hostProbeSchema = z.object({ address: addressSchema, port: portSchema.default(22) });
export class HostProbeDto extends createZodDto(hostProbeSchema) {}

export const hostKeySchema = z.object({ fingerprint: z.string(), keyType: z.string() });
export class HostKeyResponseDto extends createZodDto(hostKeySchema) {}

export const enrollCredentialSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('password'),
    password: z.string().min(1, 'is required').max(1024, 'is too long'),
  }),
  z.object({
    kind: z.literal('private-key'),
    privateKey: privateKeySchema,
    passphrase: z.string().max(1024).optional(),
  }),
  z.object({ kind: z.literal('fleet-key') }),
]);

export const hostEnrollSchema = z.object({
  name: hostNameSchema,
  address: addressSchema,
  port: portSchema.default(22),
  user: sshUserSchema,
  /** The host key fingerprint the operator approved (from /hosts/probe or known beforehand). */
  fingerprint: fingerprintSchema,
  credential: enrollCredentialSchema,
  labels: labelsSchema.default({}),
  group: groupSchema.nullable().default(null),
  autoUpdateOptOut: z.boolean().default(false),
});
export class HostEnrollDto extends createZodDto(hostEnrollSchema) {}

export const hostUpdateSchema = z
  .object({
    labels: labelsSchema.optional(),
    group: groupSchema.nullable().optional(),
    autoUpdateOptOut: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export class HostUpdateDto extends createZodDto(hostUpdateSchema) {}

export const hostApproveKeySchema = z.object({ fingerprint: fingerprintSchema });
export class HostApproveKeyDto extends createZodDto(hostApproveKeySchema) {}

export const SORTABLE = ['name', 'address', 'status', 'bootedVersion', 'lastSeenAt', 'updateAvailable', 'createdAt'] as const;

const labelFilter = z
  .union([z.string(), z.array(z.string())])
  .transform((v, ctx) => {
    const out: [string, string][] = [];
    for (const text of Array.isArray(v) ? v : [v]) {
      try {
        out.push(parseLabel(text));
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: e instanceof z.ZodError ? (e.issues[0]?.message ?? 'invalid label') : (e as Error).message });
      }
    }
    return out;
  });

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const hostListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.enum(SORTABLE).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  q: z.string().max(200).optional(),
  status: z.enum(['pending', 'online', 'unreachable']).optional(),
  label: labelFilter.optional(),
  group: groupSchema.optional(),
  imageId: z.uuid().optional(),
  digest: z.string().regex(/^(sha256:)?[0-9a-f]{4,64}$/, 'must be a (prefix of a) sha256 digest').optional(),
  version: z.string().max(128).optional(),
  attention: z.enum(ATTENTION_FLAGS).optional(),
  updateAvailable: boolParam.optional(),
});
export class HostListQueryDto extends createZodDto(hostListQuerySchema) {}
export type HostListQuery = z.infer<typeof hostListQuerySchema>;

export const hostImportSchema = z.object({
  /** host-sim inventory.json, an Ansible INI inventory, or one `[user@]address[:port] [name] [k=v]` per line. */
  text: z.string().min(1, 'is empty').max(2_000_000, 'is too large'),
  defaults: z
    .object({
      user: sshUserSchema.optional(),
      port: portSchema.optional(),
      labels: labelsSchema.default({}),
      group: groupSchema.nullable().default(null),
    })
    .default({ labels: {}, group: null }),
});
export class HostImportPreviewDto extends createZodDto(hostImportSchema) {}

export const hostImportCommitSchema = hostImportSchema.extend({
  credential: enrollCredentialSchema,
  /** Fingerprints approved by the operator for hosts the inventory gave none for, by host name. */
  approvedFingerprints: z.record(hostNameSchema, fingerprintSchema).default({}),
});
export class HostImportDto extends createZodDto(hostImportCommitSchema) {}

// ---- responses ----

const slotSchema = z.object({
  image: z.string().nullable(),
  digest: z.string().nullable(),
  version: z.string().nullable(),
  timestamp: z.iso.datetime().nullable(),
});

export const hostSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string(),
  port: z.number(),
  sshUser: z.string(),
  status: z.enum(['pending', 'online', 'unreachable']),
  labels: z.record(z.string(), z.string()),
  group: z.string().nullable(),
  architecture: z.string().nullable(),
  imageId: z.uuid().nullable(),
  booted: slotSchema.nullable(),
  staged: slotSchema.extend({ downloadOnly: z.boolean() }).nullable(),
  rollback: slotSchema.nullable(),
  rollbackQueued: z.boolean(),
  updateAvailable: z.boolean(),
  timerState: z.string().nullable(),
  attention: z.array(z.enum(ATTENTION_FLAGS)),
  lastSeenAt: z.iso.datetime().nullable(),
  hostKeyFingerprint: z.string().nullable(),
  presentedFingerprint: z.string().nullable(),
  /** The last failed contact; one failure already shows here, `status` turns unreachable after several. */
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
  consecutiveFailures: z.number(),
  lastRefreshAt: z.iso.datetime().nullable(),
});
export class HostSummaryDto extends createZodDto(hostSummarySchema) {}

export const hostPageSchema = z.object({
  items: z.array(hostSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export class HostPageDto extends createZodDto(hostPageSchema) {}

export const hostDetailSchema = hostSummarySchema.extend({
  credentialKind: z.enum(['fleet_key', 'uploaded_key']),
  specImage: z.string().nullable(),
  cachedUpdate: z.object({ digest: z.string().nullable(), version: z.string().nullable() }).nullable(),
  facts: z
    .object({
      hostname: z.string(),
      bootId: z.string(),
      kernel: z.string(),
      architecture: z.string(),
      uptimeSeconds: z.number(),
      osRelease: z.record(z.string(), z.string()),
    })
    .nullable(),
  timerStateAtEnrollment: z.string().nullable(),
  autoUpdateOptOut: z.boolean(),
  expectedDigest: z.string().nullable(),
  enrolledAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export class HostDetailDto extends createZodDto(hostDetailSchema) {}

export const hostEventSchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  kind: z.string(),
  summary: z.string(),
  fromValue: z.string().nullable(),
  toValue: z.string().nullable(),
});
export class HostEventListDto extends createZodDto(z.object({ items: z.array(hostEventSchema) })) {}

export const importPreviewSchema = z.object({
  format: z.enum(['bootfleet-sim', 'ansible-ini', 'lines']),
  hosts: z.array(
    z.object({
      line: z.number(),
      name: z.string(),
      address: z.string(),
      port: z.number(),
      user: z.string().nullable(),
      group: z.string().nullable(),
      labels: z.record(z.string(), z.string()),
      /** From the inventory (pinned as given) or, when it had none, as the host presents it now (to approve). */
      fingerprint: z.string().nullable(),
      fingerprintSource: z.enum(['inventory', 'probed', 'unreachable']),
      probeError: z.string().nullable(),
      exists: z.boolean(),
    }),
  ),
  problems: z.array(z.object({ line: z.number(), message: z.string() })),
});
export class HostImportPreviewResponseDto extends createZodDto(importPreviewSchema) {}

export const importResultSchema = z.object({
  jobId: z.uuid(),
  queued: z.number(),
});
export class HostImportResultDto extends createZodDto(importResultSchema) {}

export const refreshResultSchema = z.object({ queued: z.number() });
export class HostRefreshResultDto extends createZodDto(refreshResultSchema) {}

export const revisionUsageSchema = z.object({
  items: z.array(z.object({ digest: z.string().nullable(), version: z.string().nullable(), hosts: z.number() })),
});
export class RevisionUsageDto extends createZodDto(revisionUsageSchema) {}
