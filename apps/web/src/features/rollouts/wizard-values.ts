import { parseLabels } from '../fleet/describe-host';
import type { RolloutCreate } from './use-rollouts';

/** The wizard's inputs as typed (strings from inputs), turned into a request by `toCreateRequest`. */
export interface WizardValues {
  name: string;
  targetMode: 'revision' | 'latest';
  imageId: string;
  revisionId: string;
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
  schedule: 'now' | 'manual' | 'next-window' | 'at';
  /** datetime-local value, in the browser's zone. */
  at: string;
}

export const INITIAL_VALUES: WizardValues = {
  name: '',
  targetMode: 'revision',
  imageId: '',
  revisionId: '',
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
  schedule: 'manual',
  at: '',
};

export type WizardErrors = Partial<Record<keyof WizardValues, string>>;

function integer(value: string, min: number, max: number, errors: WizardErrors, field: keyof WizardValues): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) errors[field] = `must be a whole number from ${min} to ${max}`;
  return n;
}

/** The selector part alone, so that the hosts step can count matching hosts while typing. */
export function selectorOf(values: Pick<WizardValues, 'hostsMode' | 'labels' | 'group' | 'hostIds'>): RolloutCreate['selector'] | string {
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

/** The POST /api/rollouts (and /preview) body, or the fields to fix first. */
export function toCreateRequest(values: WizardValues): { body: RolloutCreate } | { errors: WizardErrors } {
  const errors: WizardErrors = {};
  if (!values.name.trim()) errors.name = 'is required';

  let target: RolloutCreate['target'] | null = null;
  if (values.targetMode === 'revision') {
    if (values.revisionId) target = { revisionId: values.revisionId };
    else errors.revisionId = 'choose a revision';
  } else if (values.imageId) target = { imageId: values.imageId, follow: 'latest' };
  else errors.imageId = 'choose an image';

  const selector = selectorOf(values);
  if (typeof selector === 'string') errors[values.hostsMode === 'hosts' ? 'hostIds' : values.hostsMode] = selector;

  const batchValue = Number(values.batchSize);
  if (values.batchMode === 'count') integer(values.batchSize, 1, 100_000, errors, 'batchSize');
  else if (!(batchValue >= 0.1 && batchValue <= 100)) errors.batchSize = 'must be a percent from 0.1 to 100';
  const successPercent = Number(values.successPercent);
  if (values.successPercent.trim() === '' || !(successPercent >= 0 && successPercent <= 100)) errors.successPercent = 'must be a percent from 0 to 100';
  const strategy: RolloutCreate['strategy'] = {
    canaryCount: integer(values.canaryCount, 0, 10_000, errors, 'canaryCount'),
    batchSize: values.batchMode === 'count' ? { count: batchValue } : { percent: batchValue },
    maxParallelReboots: integer(values.maxParallelReboots, 1, 10_000, errors, 'maxParallelReboots'),
    successThreshold: successPercent / 100,
    pauseBetweenBatchesSeconds: integer(values.pauseBetweenBatchesSeconds, 0, 7 * 24 * 3600, errors, 'pauseBetweenBatchesSeconds'),
    soakSeconds: integer(values.soakSeconds, 0, 7 * 24 * 3600, errors, 'soakSeconds'),
    maxFailures: integer(values.maxFailures, 0, 100_000, errors, 'maxFailures'),
    requireApproval: values.requireApproval,
  };

  const commands = values.commands
    .split('\n')
    .map((line) => line.trim().split(/\s+/).filter(Boolean))
    .filter((argv) => argv.length > 0);
  const healthChecks: RolloutCreate['healthChecks'] = {
    commands,
    deadlineSeconds: integer(values.deadlineSeconds, 1, 3_600, errors, 'deadlineSeconds'),
    rebootTimeoutSeconds: 900,
  };
  if (values.httpUrl.trim()) {
    if (!/^https?:\/\/\S+$/.test(values.httpUrl.trim())) errors.httpUrl = 'must be an http:// or https:// URL';
    healthChecks.http = { url: values.httpUrl.trim(), expectStatus: integer(values.httpStatus, 100, 599, errors, 'httpStatus') };
  }

  let schedule: RolloutCreate['schedule'] = values.schedule === 'at' ? 'manual' : values.schedule;
  if (values.schedule === 'at') {
    const at = new Date(values.at);
    if (!values.at || Number.isNaN(at.getTime())) errors.at = 'choose a date and time';
    else schedule = { at: at.toISOString() };
  }

  if (Object.keys(errors).length > 0 || target === null || typeof selector === 'string') return { errors };
  return { body: { name: values.name.trim(), target, selector, strategy, healthChecks, schedule } };
}
