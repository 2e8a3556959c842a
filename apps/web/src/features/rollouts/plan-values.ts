import { formatLabels, parseLabels } from '../fleet/describe-host';
import type { RolloutCreate } from './use-rollouts';

/**
 * The part of a rollout that a rollout policy shares: which hosts, in which batches, checked how.
 * Typed as the inputs hold it (strings), turned into the API's shape by `toPlan`.
 */
export interface PlanValues {
  hostsMode: 'labels' | 'group' | 'hosts';
  labels: string;
  group: string;
  hostIds: string[];
  canaryCount: string;
  batchMode: 'count' | 'percent';
  batchSize: string;
  maxParallelReboots: string;
  /** Percent of a batch that must succeed (the API takes 0..1). */
  successPercent: string;
  pauseBetweenBatchesSeconds: string;
  soakSeconds: string;
  maxFailures: string;
  requireApproval: boolean;
  /** One command per line, split on spaces (no shell: each runs as an argv). */
  commands: string;
  httpUrl: string;
  httpStatus: string;
  deadlineSeconds: string;
  rebootTimeoutSeconds: string;
}

export type Plan = Pick<RolloutCreate, 'selector' | 'strategy' | 'healthChecks'>;
export type PlanErrors = Partial<Record<keyof PlanValues, string>>;

export const INITIAL_PLAN_VALUES: PlanValues = {
  hostsMode: 'labels',
  labels: '',
  group: '',
  hostIds: [],
  canaryCount: '1',
  batchMode: 'percent',
  batchSize: '10',
  maxParallelReboots: '5',
  successPercent: '100',
  pauseBetweenBatchesSeconds: '0',
  soakSeconds: '0',
  maxFailures: '1',
  requireApproval: false,
  commands: '',
  httpUrl: '',
  httpStatus: '200',
  deadlineSeconds: '300',
  rebootTimeoutSeconds: '900',
};

/** Which inputs make up which part of the plan: a part none of whose inputs changed need not be sent again. */
export const PLAN_PARTS = {
  selector: ['hostsMode', 'labels', 'group', 'hostIds'],
  strategy: ['canaryCount', 'batchMode', 'batchSize', 'maxParallelReboots', 'successPercent', 'pauseBetweenBatchesSeconds', 'soakSeconds', 'maxFailures', 'requireApproval'],
  healthChecks: ['commands', 'httpUrl', 'httpStatus', 'deadlineSeconds', 'rebootTimeoutSeconds'],
} as const satisfies Record<keyof Plan, readonly (keyof PlanValues)[]>;

/** The parts of the plan whose inputs differ between two sets of values. */
export function changedPlanParts(values: PlanValues, before: PlanValues): (keyof Plan)[] {
  const differs = (field: keyof PlanValues) => JSON.stringify(values[field]) !== JSON.stringify(before[field]);
  return (Object.keys(PLAN_PARTS) as (keyof Plan)[]).filter((part) => PLAN_PARTS[part].some(differs));
}

const WEEK_SECONDS = 7 * 24 * 3600;

function integer(value: string, min: number, max: number, errors: PlanErrors, field: keyof PlanValues): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) errors[field] = `must be a whole number from ${min} to ${max}`;
  return n;
}

/** The selector part alone, so that the hosts step can count matching hosts while typing. */
export function selectorOf(values: Pick<PlanValues, 'hostsMode' | 'labels' | 'group' | 'hostIds'>): Plan['selector'] | string {
  switch (values.hostsMode) {
    case 'labels': {
      const labels = parseLabels(values.labels);
      if (typeof labels === 'string') return labels;
      return Object.keys(labels).length ? { labels } : 'give at least one key=value label';
    }
    case 'group':
      return values.group.trim() ? { group: values.group.trim() } : 'give a group';
    case 'hosts':
      return values.hostIds.length ? { hostIds: values.hostIds } : 'choose at least one host';
  }
}

/** Selector, strategy and health checks as the API takes them, or the fields to fix first. */
export function toPlan(values: PlanValues): { plan: Plan } | { errors: PlanErrors } {
  const errors: PlanErrors = {};
  const selector = selectorOf(values);
  if (typeof selector === 'string') errors[values.hostsMode === 'hosts' ? 'hostIds' : values.hostsMode] = selector;

  const batchValue = Number(values.batchSize);
  if (values.batchMode === 'count') integer(values.batchSize, 1, 100_000, errors, 'batchSize');
  else if (!(batchValue >= 0.1 && batchValue <= 100)) errors.batchSize = 'must be a percent from 0.1 to 100';
  const successPercent = Number(values.successPercent);
  if (values.successPercent.trim() === '' || !(successPercent >= 0 && successPercent <= 100)) errors.successPercent = 'must be a percent from 0 to 100';
  const strategy: Plan['strategy'] = {
    canaryCount: integer(values.canaryCount, 0, 10_000, errors, 'canaryCount'),
    batchSize: values.batchMode === 'count' ? { count: batchValue } : { percent: batchValue },
    maxParallelReboots: integer(values.maxParallelReboots, 1, 10_000, errors, 'maxParallelReboots'),
    successThreshold: successPercent / 100,
    pauseBetweenBatchesSeconds: integer(values.pauseBetweenBatchesSeconds, 0, WEEK_SECONDS, errors, 'pauseBetweenBatchesSeconds'),
    soakSeconds: integer(values.soakSeconds, 0, WEEK_SECONDS, errors, 'soakSeconds'),
    maxFailures: integer(values.maxFailures, 0, 100_000, errors, 'maxFailures'),
    requireApproval: values.requireApproval,
  };

  const commands = values.commands
    .split('\n')
    .map((line) => line.trim().split(/\s+/).filter(Boolean))
    .filter((argv) => argv.length > 0);
  const healthChecks: Plan['healthChecks'] = {
    commands,
    deadlineSeconds: integer(values.deadlineSeconds, 1, 3_600, errors, 'deadlineSeconds'),
    rebootTimeoutSeconds: integer(values.rebootTimeoutSeconds, 1, 7_200, errors, 'rebootTimeoutSeconds'),
  };
  if (values.httpUrl.trim()) {
    if (!/^https?:\/\/\S+$/.test(values.httpUrl.trim())) errors.httpUrl = 'must be an http:// or https:// URL';
    healthChecks.http = { url: values.httpUrl.trim(), expectStatus: integer(values.httpStatus, 100, 599, errors, 'httpStatus') };
  }

  if (Object.keys(errors).length > 0 || typeof selector === 'string') return { errors };
  return { plan: { selector, strategy, healthChecks } };
}

/** The API's success threshold (0..1) as the percent an operator types: 0.29 is 29, not 28.999999999999996. */
export function successPercentOf(successThreshold: number): number {
  return Number((successThreshold * 100).toPrecision(12));
}

/** A stored plan back as form values, for editing it. The inverse of `toPlan`. */
export function planValuesOf(plan: { selector: Record<string, unknown>; strategy: Plan['strategy']; healthChecks: Plan['healthChecks'] }): PlanValues {
  const { selector, strategy, healthChecks } = plan;
  const hostIds = Array.isArray(selector.hostIds) ? selector.hostIds.filter((id): id is string => typeof id === 'string') : [];
  const labels = typeof selector.labels === 'object' && selector.labels !== null ? formatLabels(selector.labels as Record<string, string>) : '';
  const group = typeof selector.group === 'string' ? selector.group : '';
  return {
    hostsMode: hostIds.length > 0 ? 'hosts' : labels === '' && group !== '' ? 'group' : 'labels',
    labels,
    group,
    hostIds,
    canaryCount: String(strategy.canaryCount),
    batchMode: 'count' in strategy.batchSize ? 'count' : 'percent',
    batchSize: String('count' in strategy.batchSize ? strategy.batchSize.count : strategy.batchSize.percent),
    maxParallelReboots: String(strategy.maxParallelReboots),
    successPercent: String(successPercentOf(strategy.successThreshold)),
    pauseBetweenBatchesSeconds: String(strategy.pauseBetweenBatchesSeconds),
    soakSeconds: String(strategy.soakSeconds),
    maxFailures: String(strategy.maxFailures),
    requireApproval: strategy.requireApproval,
    commands: healthChecks.commands.map((argv) => argv.join(' ')).join('\n'),
    httpUrl: healthChecks.http?.url ?? '',
    httpStatus: String(healthChecks.http?.expectStatus ?? 200),
    deadlineSeconds: String(healthChecks.deadlineSeconds),
    rebootTimeoutSeconds: String(healthChecks.rebootTimeoutSeconds),
  };
}

const PLAN_FIELDS: [prefix: string, field: keyof PlanValues][] = [
  ['selector.hostIds', 'hostIds'],
  ['selector.labels', 'labels'],
  ['selector.group', 'group'],
  ['strategy.canaryCount', 'canaryCount'],
  ['strategy.batchSize', 'batchSize'],
  ['strategy.maxParallelReboots', 'maxParallelReboots'],
  ['strategy.successThreshold', 'successPercent'],
  ['strategy.pauseBetweenBatchesSeconds', 'pauseBetweenBatchesSeconds'],
  ['strategy.soakSeconds', 'soakSeconds'],
  ['strategy.maxFailures', 'maxFailures'],
  ['healthChecks.commands', 'commands'],
  ['healthChecks.http.url', 'httpUrl'],
  ['healthChecks.http.expectStatus', 'httpStatus'],
  ['healthChecks.deadlineSeconds', 'deadlineSeconds'],
  ['healthChecks.rebootTimeoutSeconds', 'rebootTimeoutSeconds'],
];

/** The input an API issue path (`strategy.batchSize.count`, `selector.labels.env`) belongs to, if any. */
export function planFieldOf(path: string): keyof PlanValues | undefined {
  return PLAN_FIELDS.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))?.[1];
}
