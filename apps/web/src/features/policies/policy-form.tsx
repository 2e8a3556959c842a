import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../registries/form-field';
import { type Change, Field, HealthFields, HostsFields, ImageSelect, StrategyFields } from '../rollouts/plan-fields';
import { INITIAL_POLICY_VALUES, type PolicyErrors, type PolicyValues, policyServerErrors, policyValuesOf, toPolicyCreate, toPolicyUpdate } from './policy-values';
import { type Policy, usePolicyMutations } from './use-policies';

const START_CHOICES: [autoStart: boolean, label: string][] = [
  [false, 'Create a rollout for an operator to start'],
  [true, 'Create a rollout and start it at once'],
];

interface PolicyFormProps {
  /** Absent: a new policy. */
  policy?: Policy | undefined;
  /** The names of the policies there are (a name is unique). */
  takenNames: readonly string[];
  /** Viewers see every setting and change none. */
  readOnly: boolean;
  onDone: () => void;
}

/** Creates or edits a rollout policy with the rollout wizard's hosts, strategy and health-check fields. */
export function PolicyForm({ policy, takenNames, readOnly, onDone }: PolicyFormProps) {
  const { create, update } = usePolicyMutations();
  const [values, setValues] = useState<PolicyValues>(() => (policy ? policyValuesOf(policy) : INITIAL_POLICY_VALUES));
  const [errors, setErrors] = useState<PolicyErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const change: Change<PolicyValues> = (patch) => setValues((v) => ({ ...v, ...patch }));
  const p = { values, change, errors };

  function request(): { errors: PolicyErrors } | { save: () => Promise<unknown> } {
    if (policy) {
      const built = toPolicyUpdate(values, policy);
      return 'errors' in built ? built : { save: () => update.mutateAsync({ id: policy.id, body: built.body }) };
    }
    const built = toPolicyCreate(values, takenNames);
    return 'errors' in built ? built : { save: () => create.mutateAsync(built.body) };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setServerError(null);
    const built = request();
    if ('errors' in built) return setErrors(built.errors);
    setErrors({});
    try {
      await built.save();
      onDone();
    } catch (error) {
      const refused = policyServerErrors(error);
      setErrors(refused.fields);
      setServerError(refused.form);
    }
  }

  const fixed = policy ? 'Fixed once the policy exists' : undefined;
  return (
    <form className="plan-form" aria-label={policy ? `Policy ${policy.name}` : 'New policy'} onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="plan-form__body" disabled={readOnly}>
        <fieldset>
          <legend>Policy</legend>
          <Field label="Name" error={errors.name} hint={fixed}>
            {(id) => (
              <input id={id} type="text" value={values.name} onChange={(e) => change({ name: e.target.value })} disabled={policy !== undefined} autoFocus={!policy} />
            )}
          </Field>
          <ImageSelect value={values.imageId} onChange={(imageId) => change({ imageId })} error={errors.imageId} disabled={policy !== undefined} hint={fixed ?? 'Each new revision of its tag is rolled out'} />
          <label className="form-check">
            <input type="checkbox" checked={values.enabled} onChange={(e) => change({ enabled: e.target.checked })} /> Enabled
          </label>
        </fieldset>
        <HostsFields {...p} />
        <StrategyFields {...p} />
        <HealthFields {...p} />
        <fieldset>
          <legend>When a new revision appears</legend>
          {START_CHOICES.map(([autoStart, label]) => (
            <label key={label} className="form-check">
              <input type="radio" name="autoStart" checked={values.autoStart === autoStart} onChange={() => change({ autoStart })} /> {label}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <FormError message={serverError} />
      <div className="form-actions form-actions--start">
        {readOnly ? null : (
          <button type="submit" className="button button--primary" disabled={create.isPending || update.isPending}>
            {policy ? 'Save policy' : 'Create policy'}
          </button>
        )}
        <Link className="button button--ghost" to="/policies">
          {readOnly ? 'Back to the policies' : 'Cancel'}
        </Link>
      </div>
    </form>
  );
}
