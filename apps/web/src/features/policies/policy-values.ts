import { ApiError } from '../../api';
import { formErrors } from '../registries/form-errors';
import { changedPlanParts, INITIAL_PLAN_VALUES, planFieldOf, planValuesOf, type PlanValues, toPlan } from '../rollouts/plan-values';
import type { Policy, PolicyCreate, PolicyUpdate } from './use-policies';

/** The policy form's inputs: the rollout plan it creates rollouts with, plus what only a policy has. */
export interface PolicyValues extends PlanValues {
  name: string;
  /** The tracked image whose tag the policy follows. */
  imageId: string;
  /** Start each rollout it creates at once (else an operator starts it). */
  autoStart: boolean;
  enabled: boolean;
}

export type PolicyErrors = Partial<Record<keyof PolicyValues, string>>;

export const INITIAL_POLICY_VALUES: PolicyValues = { ...INITIAL_PLAN_VALUES, name: '', imageId: '', autoStart: false, enabled: true };

const NAME_MAX = 120;

export function policyValuesOf(policy: Policy): PolicyValues {
  return { ...planValuesOf(policy), name: policy.name, imageId: policy.imageId, autoStart: policy.autoStart, enabled: policy.enabled };
}

/**
 * The POST /api/rollout-policies body, or the fields to fix first. `takenNames`: the names of the
 * policies there are, since a name is unique.
 */
export function toPolicyCreate(values: PolicyValues, takenNames: readonly string[]): { body: PolicyCreate } | { errors: PolicyErrors } {
  const built = toPlan(values);
  const errors: PolicyErrors = 'errors' in built ? { ...built.errors } : {};
  const name = values.name.trim();
  if (!name) errors.name = 'is required';
  else if (name.length > NAME_MAX) errors.name = `must be at most ${NAME_MAX} characters`;
  else if (takenNames.includes(name)) errors.name = 'another policy has this name';
  if (!values.imageId) errors.imageId = 'choose an image';
  if (Object.keys(errors).length > 0 || 'errors' in built) return { errors };
  return { body: { name, imageId: values.imageId, ...built.plan, autoStart: values.autoStart, enabled: values.enabled } };
}

/**
 * The PATCH body for an edited policy: only the parts whose inputs changed, so that an edit never
 * rewrites what it did not touch (a selector the form cannot show whole, another operator's change).
 * Name and image are fixed once a policy exists.
 */
export function toPolicyUpdate(values: PolicyValues, policy: Policy): { body: PolicyUpdate } | { errors: PolicyErrors } {
  const built = toPlan(values);
  if ('errors' in built) return { errors: built.errors };
  const before = policyValuesOf(policy);
  const changed = new Set(changedPlanParts(values, before));
  return {
    body: {
      ...(changed.has('selector') ? { selector: built.plan.selector } : {}),
      ...(changed.has('strategy') ? { strategy: built.plan.strategy } : {}),
      ...(changed.has('healthChecks') ? { healthChecks: built.plan.healthChecks } : {}),
      ...(values.autoStart !== before.autoStart ? { autoStart: values.autoStart } : {}),
      ...(values.enabled !== before.enabled ? { enabled: values.enabled } : {}),
    },
  };
}

const POLICY_FIELDS: readonly (keyof PolicyValues)[] = ['name', 'imageId', 'autoStart', 'enabled'];

/** A refusal from the server: each issue next to its input, and the message with its code for the whole form. */
export function policyServerErrors(error: unknown): { fields: PolicyErrors; form: string } {
  const fields: PolicyErrors = {};
  for (const [path, message] of Object.entries(formErrors(error).fields)) {
    const field = POLICY_FIELDS.find((f) => f === path) ?? planFieldOf(path);
    if (field && !(field in fields)) fields[field] = message;
  }
  const form = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
  return { fields, form };
}
