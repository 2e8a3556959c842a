import { INITIAL_PLAN_VALUES, type PlanValues, toPlan } from './plan-values';
import type { RolloutCreate } from './use-rollouts';

/** The wizard's inputs as typed (strings from inputs), turned into a request by `toCreateRequest`. */
export interface WizardValues extends PlanValues {
  name: string;
  targetMode: 'revision' | 'latest';
  imageId: string;
  revisionId: string;
  schedule: 'now' | 'manual' | 'next-window' | 'at';
  /** datetime-local value, in the browser's zone. */
  at: string;
}

export const INITIAL_VALUES: WizardValues = {
  ...INITIAL_PLAN_VALUES,
  name: '',
  targetMode: 'revision',
  imageId: '',
  revisionId: '',
  schedule: 'manual',
  at: '',
};

export type WizardErrors = Partial<Record<keyof WizardValues, string>>;

/** The POST /api/rollouts (and /preview) body, or the fields to fix first. */
export function toCreateRequest(values: WizardValues): { body: RolloutCreate } | { errors: WizardErrors } {
  const built = toPlan(values);
  const errors: WizardErrors = 'errors' in built ? { ...built.errors } : {};
  if (!values.name.trim()) errors.name = 'is required';

  let target: RolloutCreate['target'] | null = null;
  if (values.targetMode === 'revision') {
    if (values.revisionId) target = { revisionId: values.revisionId };
    else errors.revisionId = 'choose a revision';
  } else if (values.imageId) target = { imageId: values.imageId, follow: 'latest' };
  else errors.imageId = 'choose an image';

  let schedule: RolloutCreate['schedule'] = values.schedule === 'at' ? 'manual' : values.schedule;
  if (values.schedule === 'at') {
    const at = new Date(values.at);
    if (!values.at || Number.isNaN(at.getTime())) errors.at = 'choose a date and time';
    else schedule = { at: at.toISOString() };
  }

  if (Object.keys(errors).length > 0 || target === null || 'errors' in built) return { errors };
  return { body: { name: values.name.trim(), target, ...built.plan, schedule } };
}
