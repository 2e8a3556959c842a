import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { shortDigest } from '../fleet/describe-host';
import { useImageRevisions } from '../images/use-images';
import { formErrors } from '../registries/form-errors';
import { FormError } from '../registries/form-field';
import { type Change, Field, HealthFields, HostsFields, ImageSelect, StrategyFields } from './plan-fields';
import './rollouts.css';
import { type RolloutPreview, useRolloutMutations } from './use-rollouts';
import { INITIAL_VALUES, toCreateRequest, type WizardErrors, type WizardValues } from './wizard-values';

interface StepProps {
  values: WizardValues;
  change: Change<WizardValues>;
  errors: WizardErrors;
}

function TargetStep({ values, change, errors }: StepProps) {
  const revisions = useImageRevisions(values.imageId);
  return (
    <fieldset>
      <legend>Target</legend>
      <ImageSelect value={values.imageId} onChange={(imageId) => change({ imageId, revisionId: '' })} error={errors.imageId} />
      <Field label="Roll out">
        {(id) => (
          <select id={id} value={values.targetMode} onChange={(e) => change({ targetMode: e.target.value as WizardValues['targetMode'] })}>
            <option value="revision">A chosen revision</option>
            <option value="latest">The latest of the tag</option>
          </select>
        )}
      </Field>
      {values.targetMode === 'revision' ? (
        <Field label="Revision" error={errors.revisionId}>
          {(id) => (
            <select id={id} value={values.revisionId} onChange={(e) => change({ revisionId: e.target.value })} disabled={!values.imageId}>
              <option value="">Choose a revision…</option>
              {(values.imageId ? (revisions.data ?? []) : []).map((r) => (
                <option key={r.id} value={r.id} disabled={r.quarantined}>
                  {r.version ?? 'no version'} · {r.architecture} · {shortDigest(r.digest)}
                  {r.current ? ' (current)' : ''}
                  {r.quarantined ? ' (quarantined)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
    </fieldset>
  );
}

function ScheduleStep({ values, change, errors }: StepProps) {
  const choices: [WizardValues['schedule'], string][] = [
    ['manual', 'Start by hand'],
    ['now', 'Start when created'],
    ['next-window', 'When the first host’s window opens'],
    ['at', 'At a time'],
  ];
  return (
    <fieldset>
      <legend>Schedule</legend>
      {choices.map(([value, label]) => (
        <label key={value} className="form-check">
          <input type="radio" name="schedule" checked={values.schedule === value} onChange={() => change({ schedule: value })} /> {label}
        </label>
      ))}
      {values.schedule === 'at' ? (
        <Field label="Start at" error={errors.at}>
          {(id) => (
            <input id={id} type="datetime-local" value={values.at} onChange={(e) => change({ at: e.target.value })} />
          )}
        </Field>
      ) : null}
    </fieldset>
  );
}

function PreviewStep({ preview }: { preview: RolloutPreview }) {
  return (
    <section className="rollout-preview" aria-label="Dry run">
      <h2>
        Dry run: {preview.total} host{preview.total === 1 ? '' : 's'} in {preview.batches.length} batch{preview.batches.length === 1 ? '' : 'es'}
        {preview.startsAt ? `, starting ${new Date(preview.startsAt).toLocaleString()}` : ''}
      </h2>
      <table aria-label="Planned batches">
        <thead>
          <tr>
            <th scope="col">Batch</th>
            <th scope="col">Host</th>
            <th scope="col">Will boot</th>
            <th scope="col">Waits for window</th>
          </tr>
        </thead>
        <tbody>
          {preview.batches.flatMap((b) =>
            b.hosts.map((h, i) => (
              <tr key={h.hostId}>
                <td>{i === 0 ? `${b.index + 1}${b.canary ? ' (canary)' : ''}` : ''}</td>
                <td>{h.name}</td>
                <td>
                  {h.targetReference} <span className="mono">{shortDigest(h.targetDigest)}</span>
                  {h.alreadyOnTarget ? <span className="muted"> (already on it)</span> : null}
                </td>
                <td>{h.windowOpensAt ? new Date(h.windowOpensAt).toLocaleString() : 'no wait: window open or none assigned'}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  );
}

/** Create a rollout: target, hosts, strategy, health checks and schedule, then a dry run, then create. */
export function RolloutWizard() {
  const navigate = useNavigate();
  const { preview, create } = useRolloutMutations();
  const [values, setValues] = useState<WizardValues>(INITIAL_VALUES);
  const [errors, setErrors] = useState<WizardErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [previewed, setPreviewed] = useState<RolloutPreview | null>(null);
  const change: Change<WizardValues> = (patch) => {
    setValues((v) => ({ ...v, ...patch }));
    // Any change makes the dry run stale: it must be run again before creating.
    setPreviewed(null);
  };
  const p = { values, change, errors };

  function request() {
    const built = toCreateRequest(values);
    if ('errors' in built) {
      setErrors(built.errors);
      return null;
    }
    setErrors({});
    return built.body;
  }

  async function runPreview() {
    const body = request();
    if (!body) return;
    try {
      setPreviewed(await preview.mutateAsync(body));
      setFormError(null);
    } catch (e) {
      setFormError(formErrors(e).form ?? Object.entries(formErrors(e).fields).map(([k, v]) => `${k}: ${v}`).join('; '));
    }
  }

  async function submit() {
    const body = request();
    if (!body) return;
    try {
      const created = await create.mutateAsync(body);
      void navigate(`/rollouts/${created.id}`);
    } catch (e) {
      setFormError(formErrors(e).form ?? Object.entries(formErrors(e).fields).map(([k, v]) => `${k}: ${v}`).join('; '));
    }
  }

  return (
    <>
      <PageHeader title="New rollout" description={<Link to="/rollouts">Back to the rollouts</Link>} />
      <form
        className="plan-form"
        aria-label="New rollout"
        onSubmit={(e) => {
          e.preventDefault();
          void (previewed ? submit() : runPreview());
        }}
      >
        <fieldset>
          <legend>Name</legend>
          <Field label="Name" error={errors.name}>
            {(id) => (
              <input id={id} type="text" value={values.name} onChange={(e) => change({ name: e.target.value })} />
            )}
          </Field>
        </fieldset>
        <TargetStep {...p} />
        <HostsFields {...p} />
        <StrategyFields {...p} />
        <HealthFields {...p} />
        <ScheduleStep {...p} />
        {previewed ? <PreviewStep preview={previewed} /> : null}
        <FormError message={formError} />
        <div className="form-actions form-actions--start">
          <button type="button" className="button" onClick={() => void runPreview()} disabled={preview.isPending}>
            Dry run
          </button>
          <button type="submit" className="button button--primary" disabled={!previewed || create.isPending} title={previewed ? undefined : 'Run the dry run first'}>
            {values.schedule === 'now' ? 'Create and start' : 'Create rollout'}
          </button>
        </div>
      </form>
    </>
  );
}
