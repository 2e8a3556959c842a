import { z } from 'zod';

export const strategySchema = z
  .object({
    /** Hosts in the first batch, which must pass before anything else starts. */
    canaryCount: z.number().int().min(0).max(10_000).default(1),
    batchSize: z
      .union([z.object({ count: z.number().int().min(1).max(100_000) }), z.object({ percent: z.number().min(0.1).max(100) })])
      .default({ percent: 10 }),
    maxParallelReboots: z.number().int().min(1).max(10_000).default(5),
    /** Share of a finished batch's hosts (0..1) that must succeed before the next batch starts. */
    successThreshold: z.number().min(0).max(1).default(1),
    pauseBetweenBatchesSeconds: z.number().int().min(0).max(7 * 24 * 3600).default(0),
    /** Failed hosts (since the last resume) that pause the rollout; 0 = never pause for failures. */
    maxFailures: z.number().int().min(0).max(100_000).default(1),
    /** Wait for an operator's approval before each batch after the first. */
    requireApproval: z.boolean().default(false),
    /**
     * After the canary batch, pause and continue on its own once every succeeded canary has stayed
     * online on its target this long (0 = no soak).
     */
    soakSeconds: z.number().int().min(0).max(7 * 24 * 3600).default(0),
  })
  .strict();
export type Strategy = z.infer<typeof strategySchema>;

export const healthChecksSchema = z
  .object({
    /** Commands run on the host after its reboot; each must exit 0. */
    commands: z.array(z.array(z.string().min(1).max(1_000)).min(1).max(64)).max(20).default([]),
    /** Fetched from the server: GET url must answer expectStatus. */
    http: z.object({ url: z.url({ protocol: /^https?$/ }), expectStatus: z.number().int().min(100).max(599).default(200) }).optional(),
    /** How long after the reboot the host has to become healthy. */
    deadlineSeconds: z.number().int().min(1).max(3_600).default(300),
    /** How long the host has to come back from its reboot. */
    rebootTimeoutSeconds: z.number().int().min(1).max(7_200).default(900),
  })
  .strict();
export type HealthChecks = z.infer<typeof healthChecksSchema>;

export const DEFAULT_STRATEGY: Strategy = strategySchema.parse({});
export const DEFAULT_HEALTH: HealthChecks = healthChecksSchema.parse({});

/**
 * Batch index of each target, in the order given: the canaries first (batch 0, when canaryCount > 0),
 * then fixed-size batches. A percent is of the whole target set, rounded up, at least one host.
 */
export function assignBatches(targetCount: number, strategy: Pick<Strategy, 'canaryCount' | 'batchSize'>): number[] {
  const size = 'count' in strategy.batchSize ? strategy.batchSize.count : Math.max(1, Math.ceil((strategy.batchSize.percent / 100) * targetCount));
  const canaries = Math.min(strategy.canaryCount, targetCount);
  const offset = canaries > 0 ? 1 : 0;
  return Array.from({ length: targetCount }, (_, i) => (i < canaries ? 0 : offset + Math.floor((i - canaries) / size)));
}
