import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { requireData, useApiClient } from '../../api';
import { HOSTS_KEY } from '../fleet/use-hosts';
import { useImages } from '../images/use-images';
import { FormField } from '../registries/form-field';
import '../registries/forms.css';
import { type PlanErrors, type PlanValues, selectorOf } from './plan-values';
import './rollouts.css';

/** Applies a partial change to a form's values. */
export type Change<V> = (patch: Partial<V>) => void;

interface PlanFieldsProps {
  values: PlanValues;
  change: Change<PlanValues>;
  errors: PlanErrors;
}

/** A labelled input: `children` receives the id to give the input, so the label and error point at it. */
export function Field({ label, error, hint, children, wide }: { label: string; error?: string | undefined; hint?: ReactNode; children: (id: string) => ReactNode; wide?: boolean }) {
  const id = useId();
  return (
    <div className={wide ? 'wide' : undefined}>
      <FormField label={label} htmlFor={id} error={error} hint={hint}>
        {children(id)}
      </FormField>
    </div>
  );
}

/** The tracked images to choose from, by reference. */
export function ImageSelect({ value, onChange, error, disabled, hint }: { value: string; onChange: (imageId: string) => void; error?: string | undefined; disabled?: boolean; hint?: ReactNode }) {
  const images = useImages();
  return (
    <Field label="Image" error={error} hint={hint}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
          <option value="">Choose an image…</option>
          {(images.data ?? []).map((i) => (
            <option key={i.id} value={i.id}>
              {i.reference}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** How many hosts the selector matches now, asked of the fleet list (one row is enough for the total). */
function useMatchingCount(values: PlanValues): number | null {
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

/** Which hosts: by labels, by group or picked one by one, with how many match right now. */
export function HostsFields({ values, change, errors }: PlanFieldsProps) {
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
      <Field label="Choose hosts by" error={errors.hostsMode}>
        {(id) => (
          <select id={id} value={values.hostsMode} onChange={(e) => change({ hostsMode: e.target.value as PlanValues['hostsMode'] })}>
            <option value="labels">Labels</option>
            <option value="group">Group</option>
            <option value="hosts">Picking them</option>
          </select>
        )}
      </Field>
      {values.hostsMode === 'labels' ? (
        <Field label="Labels" error={errors.labels}>
          {(id) => (
            <input id={id} type="text" value={values.labels} onChange={(e) => change({ labels: e.target.value })} placeholder="env=prod site=berlin" />
          )}
        </Field>
      ) : null}
      {values.hostsMode === 'group' ? (
        <Field label="Group" error={errors.group}>
          {(id) => (
            <input id={id} type="text" value={values.group} onChange={(e) => change({ group: e.target.value })} />
          )}
        </Field>
      ) : null}
      {values.hostsMode === 'hosts' ? (
        <Field label="Hosts" error={errors.hostIds}>
          {(id) => (
            <select id={id} multiple size={6} value={values.hostIds} onChange={(e) => change({ hostIds: [...e.target.selectedOptions].map((o) => o.value) })}>
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

type TextField = { [K in keyof PlanValues]: PlanValues[K] extends string ? K : never }[keyof PlanValues];

function NumberField({ label, field, values, change, errors, step }: PlanFieldsProps & { label: string; field: TextField; step?: string }) {
  return (
    <Field label={label} error={errors[field]}>
      {(id) => (
        <input id={id} type="number" step={step ?? '1'} value={values[field]} onChange={(e) => change({ [field]: e.target.value })} />
      )}
    </Field>
  );
}

/** Canaries, batches, parallel reboots, thresholds, pauses, soak and approval. */
export function StrategyFields(p: PlanFieldsProps) {
  const { values, change } = p;
  return (
    <fieldset>
      <legend>Strategy</legend>
      <NumberField label="Canary hosts" field="canaryCount" {...p} />
      <Field label="Batch size in">
        {(id) => (
          <select id={id} value={values.batchMode} onChange={(e) => change({ batchMode: e.target.value as PlanValues['batchMode'] })}>
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
        <input type="checkbox" checked={values.requireApproval} onChange={(e) => change({ requireApproval: e.target.checked })} /> Require approval before each batch
      </label>
    </fieldset>
  );
}

/** Commands on the host and an HTTP check from the server after each reboot, with their deadlines. */
export function HealthFields(p: PlanFieldsProps) {
  const { values, change, errors } = p;
  return (
    <fieldset>
      <legend>Health checks</legend>
      <Field label="Commands (one per line, each must exit 0)" error={errors.commands} wide>
        {(id) => (
          <textarea id={id} rows={2} value={values.commands} onChange={(e) => change({ commands: e.target.value })} placeholder="systemctl is-active myapp" />
        )}
      </Field>
      <Field label="HTTP URL" error={errors.httpUrl}>
        {(id) => (
          <input id={id} type="url" value={values.httpUrl} onChange={(e) => change({ httpUrl: e.target.value })} placeholder="https://app.example/health" />
        )}
      </Field>
      <NumberField label="Expected status" field="httpStatus" {...p} />
      <NumberField label="Deadline (s)" field="deadlineSeconds" {...p} />
      <NumberField label="Reboot timeout (s)" field="rebootTimeoutSeconds" {...p} />
    </fieldset>
  );
}
