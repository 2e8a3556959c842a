import { type FormEvent, useMemo, useState } from 'react';
import { formErrors, NO_ERRORS } from '../registries/form-errors';
import { FormError, FormField } from '../registries/form-field';
import { type MaintenanceWindow, useWindowMutations, useWindowPreview } from './use-windows';
import { browserTimeZone, createBody, initialValues, previewBody, type WindowFormValues } from './window-form-values';
import { WindowPreviewPanel } from './window-preview-panel';

const KIND_LABEL: Record<WindowFormValues['kind'], string> = { recurring: 'Recurring (cron)', 'one-off': 'One-off' };

function timeZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

/** Creates or edits a maintenance window, with the server's live preview as the operator types. */
export function WindowForm({ window, onDone }: { window?: MaintenanceWindow; onDone: () => void }) {
  const { create, update } = useWindowMutations();
  const [values, setValues] = useState<WindowFormValues>(() => initialValues(window));
  const [errors, setErrors] = useState(NO_ERRORS);
  const preview = useWindowPreview(previewBody(values));
  const zones = useMemo(timeZones, []);
  const browserZone = browserTimeZone();
  const set = <K extends keyof WindowFormValues>(key: K) => (value: WindowFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  // Errors of the last save win; otherwise the live preview's errors show next to their fields.
  const previewFields = preview.error ? formErrors(preview.error).fields : {};
  const field = (path: string) => errors.fields[path] ?? previewFields[path];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors(NO_ERRORS);
    try {
      if (window) await update.mutateAsync({ id: window.id, body: createBody(values) });
      else await create.mutateAsync(createBody(values));
      onDone();
    } catch (error) {
      setErrors(formErrors(error));
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={window ? `Edit window ${window.name}` : 'New window'}>
      <FormField label="Name" htmlFor="window-name" error={field('name')}>
        <input id="window-name" type="text" value={values.name} onChange={(e) => set('name')(e.target.value)} autoFocus />
      </FormField>
      <FormField label="Kind" htmlFor="window-kind" error={field('kind')}>
        <select id="window-kind" value={values.kind} onChange={(e) => set('kind')(e.target.value as WindowFormValues['kind'])}>
          {Object.entries(KIND_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </FormField>
      {values.kind === 'recurring' ? (
        <>
          <FormField label="Schedule (cron)" htmlFor="window-cron" error={field('cron')} hint="minute hour day-of-month month day-of-week, e.g. 0 2 * * 0 for Sundays at 02:00">
            <input id="window-cron" type="text" className="mono" value={values.cron} onChange={(e) => set('cron')(e.target.value)} />
          </FormField>
          <FormField label="Duration (minutes)" htmlFor="window-duration" error={field('durationMinutes')}>
            <input id="window-duration" type="number" min={1} value={values.durationMinutes} onChange={(e) => set('durationMinutes')(e.target.value)} />
          </FormField>
        </>
      ) : (
        <>
          <FormField label={`Starts (${browserZone})`} htmlFor="window-starts" error={field('startsAt')}>
            <input id="window-starts" type="datetime-local" value={values.startsAt} onChange={(e) => set('startsAt')(e.target.value)} />
          </FormField>
          <FormField label={`Ends (${browserZone})`} htmlFor="window-ends" error={field('endsAt')}>
            <input id="window-ends" type="datetime-local" value={values.endsAt} onChange={(e) => set('endsAt')(e.target.value)} />
          </FormField>
        </>
      )}
      <FormField label="Time zone" htmlFor="window-zone" error={field('timeZone')} hint="IANA name; daylight saving time is followed">
        <input id="window-zone" type="text" list="window-zones" value={values.timeZone} onChange={(e) => set('timeZone')(e.target.value)} />
      </FormField>
      <datalist id="window-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <label className="form-check">
        <input type="checkbox" checked={values.allHosts} onChange={(e) => set('allHosts')(e.target.checked)} />
        All hosts
      </label>
      {values.allHosts ? null : (
        <>
          <FormField label="Labels" htmlFor="window-labels" error={field('selector')} hint="Hosts with all of these, e.g. role=db, site=fra">
            <input id="window-labels" type="text" value={values.labels} onChange={(e) => set('labels')(e.target.value)} />
          </FormField>
          <FormField label="Groups" htmlFor="window-groups" hint="Hosts in any of these groups, e.g. prod, staging">
            <input id="window-groups" type="text" value={values.groups} onChange={(e) => set('groups')(e.target.value)} />
          </FormField>
        </>
      )}
      <label className="form-check">
        <input type="checkbox" checked={values.enabled} onChange={(e) => set('enabled')(e.target.checked)} />
        Enabled
      </label>
      <FormField label="Note" htmlFor="window-note" error={field('note')}>
        <input id="window-note" type="text" value={values.note} onChange={(e) => set('note')(e.target.value)} />
      </FormField>
      <WindowPreviewPanel
        preview={preview.data}
        error={preview.error}
        pending={preview.isFetching}
        timeZone={values.kind === 'recurring' ? values.timeZone : browserZone}
        browserZone={browserZone}
      />
      <FormError message={errors.form} />
      <div className="form-actions">
        <span className="form-actions__result" />
        <button type="button" className="button button--ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={create.isPending || update.isPending}>
          {window ? 'Save' : 'Create window'}
        </button>
      </div>
    </form>
  );
}
