import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { groupSchema, labelsSchema } from '../hosts/host-rules';
import { HOST_PHASES, ROLLOUT_STATES } from './domain/phases';
import { healthChecksSchema, strategySchema } from './domain/strategy';

const digestSchema = z.string().regex(/^sha256:[a-f0-9]{64}$/, 'must be sha256: followed by 64 hex digits');

/** What to roll out: one known revision, a known digest, or whatever the tracked tag points at (per architecture). */
export const rolloutTargetSchema = z.union([
  z.object({ revisionId: z.uuid() }).strict(),
  z.object({ digest: digestSchema }).strict(),
  z.object({ imageId: z.uuid(), follow: z.literal('latest') }).strict(),
]);
export type RolloutTarget = z.infer<typeof rolloutTargetSchema>;

export const selectorSchema = z
  .object({
    hostIds: z.array(z.uuid()).min(1).max(100_000).optional(),
    labels: labelsSchema.optional(),
    group: groupSchema.optional(),
  })
  .strict()
  .refine((s) => s.hostIds !== undefined || s.labels !== undefined || s.group !== undefined, 'choose hosts by hostIds, labels or group');

export const rolloutScheduleSchema = z.union([
  z.literal('now'),
  z.literal('manual'),
  z.literal('next-window'),
  z.object({ at: z.iso.datetime({ offset: true }) }).strict(),
]);

export const rolloutCreateSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(120),
    target: rolloutTargetSchema,
    selector: selectorSchema,
    strategy: strategySchema.default(strategySchema.parse({})),
    healthChecks: healthChecksSchema.default(healthChecksSchema.parse({})),
    /** now: start at once; manual: wait for start; next-window: start when the first target's window opens; {at}: start then. */
    schedule: rolloutScheduleSchema.default('manual'),
  })
  .strict();
export class RolloutCreateDto extends createZodDto(rolloutCreateSchema) {}
export type RolloutCreate = z.infer<typeof rolloutCreateSchema>;

export const rolloutListQuerySchema = z.object({ state: z.enum(ROLLOUT_STATES).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export class RolloutListQueryDto extends createZodDto(rolloutListQuerySchema) {}

const errorSchema = z.object({ code: z.string(), message: z.string() }).nullable();

export const rolloutHostViewSchema = z.object({
  id: z.uuid(),
  hostId: z.uuid(),
  hostName: z.string(),
  batch: z.number().int(),
  phase: z.enum(HOST_PHASES),
  targetDigest: z.string().nullable(),
  previousDigest: z.string().nullable(),
  windowOpensAt: z.string().nullable(),
  /** Phase -> when it was entered (ISO). */
  timings: z.record(z.string(), z.string()),
  error: errorSchema,
  jobId: z.uuid().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const rolloutSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['rollout', 'operation']),
  action: z.string().nullable(),
  state: z.enum(ROLLOUT_STATES),
  pausedReason: z.string().nullable(),
  imageId: z.uuid().nullable(),
  targetReference: z.string().nullable(),
  targetDigest: z.string().nullable(),
  selector: z.record(z.string(), z.unknown()),
  strategy: strategySchema,
  healthChecks: healthChecksSchema,
  approvedBatch: z.number().int(),
  startAt: z.string().nullable(),
  /** The rollout policy that created it (null for rollouts an operator created). */
  policyId: z.uuid().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Hosts per phase. */
  counts: z.record(z.string(), z.number().int()),
  total: z.number().int(),
});
export class RolloutSummaryDto extends createZodDto(rolloutSummarySchema) {}

export const rolloutListSchema = z.object({ items: z.array(rolloutSummarySchema) });
export class RolloutListDto extends createZodDto(rolloutListSchema) {}

export const rolloutDetailSchema = rolloutSummarySchema.extend({
  batches: z.array(z.object({ index: z.number().int(), total: z.number().int(), counts: z.record(z.string(), z.number().int()) })),
  currentBatch: z.number().int().nullable(),
  hosts: z.array(rolloutHostViewSchema),
});
export class RolloutDetailDto extends createZodDto(rolloutDetailSchema) {}

export const rolloutPreviewSchema = z.object({
  total: z.number().int(),
  batches: z.array(
    z.object({
      index: z.number().int(),
      canary: z.boolean(),
      hosts: z.array(z.object({ hostId: z.uuid(), name: z.string(), targetReference: z.string(), targetDigest: z.string(), alreadyOnTarget: z.boolean(), windowOpensAt: z.string().nullable() })),
    }),
  ),
  startsAt: z.string().nullable(),
});
export class RolloutPreviewDto extends createZodDto(rolloutPreviewSchema) {}

// ---- policies ----
export const policyCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    imageId: z.uuid(),
    selector: selectorSchema,
    strategy: strategySchema.default(strategySchema.parse({})),
    healthChecks: healthChecksSchema.default(healthChecksSchema.parse({})),
    /** Start the rollout a new revision creates at once; `strategy.soakSeconds` then holds it after the canaries. */
    autoStart: z.boolean().default(false),
    enabled: z.boolean().default(true),
  })
  .strict();
export class PolicyCreateDto extends createZodDto(policyCreateSchema) {}
export const policyUpdateSchema = z
  .object({ selector: selectorSchema.optional(), strategy: strategySchema.optional(), healthChecks: healthChecksSchema.optional(), autoStart: z.boolean().optional(), enabled: z.boolean().optional() })
  .strict();
export class PolicyUpdateDto extends createZodDto(policyUpdateSchema) {}
export const policyViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  imageId: z.uuid(),
  selector: z.record(z.string(), z.unknown()),
  strategy: strategySchema,
  healthChecks: healthChecksSchema,
  autoStart: z.boolean(),
  enabled: z.boolean(),
  lastDigest: z.string().nullable(),
  createdAt: z.string(),
  /** The newest rollout this policy created, if any. */
  lastRollout: z
    .object({ id: z.uuid(), name: z.string(), state: z.enum(ROLLOUT_STATES), pausedReason: z.string().nullable(), createdAt: z.string() })
    .nullable(),
});
export class PolicyViewDto extends createZodDto(policyViewSchema) {}
export class PolicyListDto extends createZodDto(z.object({ items: z.array(policyViewSchema) })) {}

// ---- host actions ----
export const HOST_ACTIONS = ['check-update', 'stage', 'upgrade', 'apply', 'rollback', 'reboot', 'refresh'] as const;
export type HostAction = (typeof HOST_ACTIONS)[number];
export const whenSchema = z.enum(['now', 'next-window']).default('now');
export const hostTargetSchema = z.union([z.object({ revisionId: z.uuid() }).strict(), z.object({ digest: digestSchema }).strict(), z.object({ latest: z.literal(true) }).strict()]);
export type HostTarget = z.infer<typeof hostTargetSchema>;

export const stageActionSchema = z.object({ target: hostTargetSchema }).strict();
export class StageActionDto extends createZodDto(stageActionSchema) {}
export const upgradeActionSchema = z.object({ target: hostTargetSchema.default({ latest: true }), when: whenSchema }).strict();
export class UpgradeActionDto extends createZodDto(upgradeActionSchema) {}
export const applyActionSchema = z.object({ when: whenSchema }).strict();
export class ApplyActionDto extends createZodDto(applyActionSchema) {}
export const rollbackActionSchema = z
  .object({ when: whenSchema, quarantineRevision: z.boolean().default(false), quarantineReason: z.string().trim().max(500).optional() })
  .strict();
export class RollbackActionDto extends createZodDto(rollbackActionSchema) {}

export const bulkActionSchema = z
  .object({
    action: z.enum(HOST_ACTIONS),
    hostIds: z.array(z.uuid()).min(1).max(10_000).optional(),
    filter: z.object({ labels: labelsSchema.optional(), group: groupSchema.optional() }).strict().optional(),
    target: hostTargetSchema.optional(),
    when: whenSchema,
  })
  .strict()
  .refine((b) => (b.hostIds === undefined) !== (b.filter === undefined), 'give either hostIds or filter');
export class BulkActionDto extends createZodDto(bulkActionSchema) {}

export const actionResultSchema = z.object({
  hostId: z.uuid(),
  /** The operation (a one-host rollout) driving the change; null for check-update and refresh. */
  operationId: z.uuid().nullable(),
  jobId: z.uuid().nullable(),
});
export class ActionResultDto extends createZodDto(actionResultSchema) {}
export const bulkResultSchema = z.object({
  started: z.array(actionResultSchema),
  refused: z.array(z.object({ hostId: z.uuid(), code: z.string(), message: z.string() })),
});
export class BulkResultDto extends createZodDto(bulkResultSchema) {}

export const actionPreviewQuerySchema = z.object({
  action: z.enum(['stage', 'upgrade', 'apply', 'rollback', 'reboot']),
  revisionId: z.uuid().optional(),
  digest: digestSchema.optional(),
});
export class ActionPreviewQueryDto extends createZodDto(actionPreviewQuerySchema) {}
export const actionPreviewSchema = z.object({
  action: z.string(),
  hostId: z.uuid(),
  hostName: z.string(),
  /** The image and digest the host will boot after the action. */
  willBoot: z.object({ image: z.string().nullable(), digest: z.string().nullable(), version: z.string().nullable() }),
  current: z.object({ image: z.string().nullable(), digest: z.string().nullable(), version: z.string().nullable() }),
  reboots: z.boolean(),
  /** When `when: next-window`: the next time the host may reboot (null: any time / no window). */
  nextWindow: z.string().nullable(),
  revisionId: z.uuid().nullable(),
  quarantined: z.boolean(),
});
export class ActionPreviewDto extends createZodDto(actionPreviewSchema) {}
