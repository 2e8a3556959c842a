import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { requireData, useApiClient } from '../../api';
import { PageHeader } from '../../components/page-header';
import { shortDigest } from '../fleet/describe-host';
import { HOSTS_KEY } from '../fleet/use-hosts';
import { useImageRevisions, useImages } from '../images/use-images';
import { formErrors } from '../registries/form-errors';
import { FormError, FormField } from '../registries/form-field';
import '../registries/forms.css';
import './rollouts.css';
import { type RolloutPreview, useRolloutMutations } from './use-rollouts';
import { INITIAL_VALUES, selectorOf, toCreateRequest, type WizardErrors, type WizardValues } from './wizard-values';

type Setter = <K extends keyof WizardValues>(key: K, value: WizardValues[K]) => void;

/** A labelled input: `children` receives the id to give the input, so the label and error point at it. */
function Field({ label, error, children, wide }: { label: string; error?: string | undefined; children: (id: string) => ReactNode; wide?: boolean }) {
  const id = useId();
  return (
    <div className={wide ? 'wide' : undefined}>
      <FormField label={label} htmlFor={id} error={error}>
        {children(id)}
      </FormField>
    </div>
  );
}

function TargetStep({ values, set, errors }: { values: WizardValues; set: Setter; errors: WizardErrors }) {
  const images = useImages();
  const revisions = useImageRevisions(values.imageId);
  return (
    <fieldset>
      <legend>Target</legend>
      <Field label="Image" error={errors.imageId}>
        {(id) => (
          <select id={id} value={values.imageId} onChange={(e) => (set('imageId', e.target.value), set('revisionId', ''))}>
            <option value="">Choose an image…</option>
            {(images.data ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.reference}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Roll out">
        {(id) => (
          <select id={id} value={values.targetMode} onChange={(e) => set('targetMode', e.target.value as WizardValues['targetMode'])}>
            <option value="revision">A chosen revision</option>
            <option value="latest">The latest of the tag</option>
          </select>
        )}
      </Field>
      {values.targetMode === 'revision' ? (
        <Field label="Revision" error={errors.revisionId}>
          {(id) => (
            <select id={id} value={values.revisionId} onChange={(e) => set('revisionId', e.target.value)} disabled={!values.imageId}>
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

/** How many hosts the selector matches now, asked of the fleet list (one row is enough for the total). */
function useMatchingCount(values: WizardValues): number | null {
  const api = useApiClient();
  const selector = selectorOf(values);
  const query = typeof selector === 'string' || selector.hostIds ? null : { ...(selector.labels ? { label: Object.entries(selector.labels).map(([k, v]) => `${k}=${v}`) } : {}), ...(selector.group ? { group: selector.group } : {}) };
  const count = useQuery({
    queryKey: [...HOSTS_KEY, 'count', query],
    enabled: query !== null,
    queryFn: async ({ signal }) => requireData(await api.GET('/api/hosts', { params: { query: { ...query, pageSize: 1 } }, signal })).total,
  });
  if (typeof selector === 'string') return null;
  return selector.hostIds ? selector.hostIds.length : (count.data ?? null);
}

function HostsStep({ values, set, errors }: { values: WizardValues; set: Setter; errors: WizardErrors }) {
  const api = useApiClient();
  const hosts = useQuery({
    queryKey: [...HOSTS_KEY, 'list', 'wizard'],
    enabled: values.hostsMode === 'hosts',
    queryFn: async ({ signal }) => requireData(await api.GET('/api/hosts', { params: { query: { pageSize: 500, sort: 'name' } }, signal })).items,
  });
  const count = useMatchingCount(values);
  return (
    <fieldset>
      <legend>Hosts</legend>
      <Field label="Choose hosts by">
        {(id) => (
          <select id={id} value={values.hostsMode} onChange={(e) => set('hostsMode', e.target.value as WizardValues['hostsMode'])}>
            <option value="labels">Labels</option>
            <option value="group">Group</option>
            <option value="hosts">Picking them</option>
          </select>
        )}
      </Field>
      {values.hostsMode === 'labels' ? (
        <Field label="Labels" error={errors.labels}>
          {(id) => (
            <input id={id} type="text" value={values.labels} onChange={(e) => set('labels', e.target.value)} placeholder="env=prod site=berlin" />
          )}
        </Field>
      ) : null}
      {values.hostsMode === 'group' ? (
        <Field label="Group" error={errors.group}>
          {(id) => (
            <input id={id} type="text" value={values.group} onChange={(e) => set('group', e.target.value)} />
          )}
        </Field>
      ) : null}
      {values.hostsMode === 'hosts' ? (
        <Field label="Hosts" error={errors.hostIds}>
          {(id) => (
            <select id={id} multiple size={6} value={values.hostIds} onChange={(e) => set('hostIds', [...e.target.selectedOptions].map((o) => o.value))}>
              {(hosts.data ?? []).map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name} ({h.booted?.version ?? '—'})
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <p className="wide" aria-live="polite" data-testid="matching-hosts">
        {count === null ? 'No hosts chosen yet.' : `${count} host${count === 1 ? '' : 's'} match.`}
      </p>
    </fieldset>
  );
}

function NumberField({ label, field, values, set, errors, step }: { label: string; field: keyof WizardValues; values: WizardValues; set: Setter; errors: WizardErrors; step?: string }) {
  return (
    <Field label={label} error={errors[field]}>
      {(id) => (
        <input id={id} type="number" step={step ?? '1'} value={values[field] as string} onChange={(e) => set(field, e.target.value)} />
      )}
    </Field>
  );
}

function StrategyStep({ values, set, errors }: { values: WizardValues; set: Setter; errors: WizardErrors }) {
  const p = { values, set, errors };
  return (
    <fieldset>
      <legend>Strategy</legend>
      <NumberField label="Canary hosts" field="canaryCount" {...p} />
      <Field label="Batch size in">
        {(id) => (
          <select id={id} value={values.batchMode} onChange={(e) => set('batchMode', e.target.value as WizardValues['batchMode'])}>
            <option value="percent">Percent of the hosts</option>
            <option value="count">Hosts</option>
          </select>
        )}
      </Field>
      <NumberField label="Batch size" field="batchSize" step="any" {...p} />
      <NumberField label="Max parallel reboots" field="maxParallelReboots" {...p} />
      <NumberField label="Success threshold (%)" field="successPercent" step="any" {...p} />
      <NumberField label="Pause between batches (s)" field="pauseBetweenBatchesSeconds" {...p} />
      <NumberField label="Soak after canaries (s)" field="soakSeconds" {...p} />
      <NumberField label="Pause after failures" field="maxFailures" {...p} />
      <label className="form-check">
        <input type="checkbox" checked={values.requireApproval} onChange={(e) => set('requireApproval', e.target.checked)} /> Require approval before each batch
      </label>
    </fieldset>
  );
}

function HealthStep({ values, set, errors }: { values: WizardValues; set: Setter; errors: WizardErrors }) {
  const p = { values, set, errors };
  return (
    <fieldset>
      <legend>Health checks</legend>
      <Field label="Commands (one per line, each must exit 0)" wide>
        {(id) => (
          <textarea id={id} rows={2} value={values.commands} onChange={(e) => set('commands', e.target.value)} placeholder="systemctl is-active myapp" />
        )}
      </Field>
      <Field label="HTTP URL" error={errors.httpUrl}>
        {(id) => (
          <input id={id} type="url" value={values.httpUrl} onChange={(e) => set('httpUrl', e.target.value)} placeholder="https://app.example/health" />
        )}
      </Field>
      <NumberField label="Expected status" field="httpStatus" {...p} />
      <NumberField label="Deadline (s)" field="deadlineSeconds" {...p} />
    </fieldset>
  );
}

function ScheduleStep({ values, set, errors }: { values: WizardValues; set: Setter; errors: WizardErrors }) {
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
          <input type="radio" name="schedule" checked={values.schedule === value} onChange={() => set('schedule', value)} /> {label}
        </label>
      ))}
      {values.schedule === 'at' ? (
        <Field label="Start at" error={errors.at}>
          {(id) => (
            <input id={id} type="datetime-local" value={values.at} onChange={(e) => set('at', e.target.value)} />
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
  const set: Setter = (key, value) => {
    setValues((v) => ({ ...v, [key]: value }));
    // Any change makes the dry run stale: it must be run again before creating.
    setPreviewed(null);
  };
  const p = { values, set, errors };

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
        className="rollout-wizard"
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
              <input id={id} type="text" value={values.name} onChange={(e) => set('name', e.target.value)} />
            )}
          </Field>
        </fieldset>
        <TargetStep {...p} />
        <HostsStep {...p} />
        <StrategyStep {...p} />
        <HealthStep {...p} />
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
