import { useState } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '../../../components/status-badge';
import { type HostDetail, useJob } from '../../fleet/use-hosts';
import { useImageRevisions } from '../../images/use-images';
import { formErrors } from '../../registries/form-errors';
import { Dialog, FormError } from '../../registries/form-field';
import { JobLog, JobStateBadge } from '../job-log';
import { type ActionPreview, type ActionResult, type HostActionKind, type HostActionRequest, useActionPreview, useRunHostAction, type When } from './use-host-actions';
import './host-actions.css';

const TITLES: Record<HostActionKind, (name: string) => string> = {
  'check-update': (n) => `Check ${n} for an update`,
  upgrade: (n) => `Upgrade ${n}`,
  switch: (n) => `Switch ${n} to a revision`,
  rollback: (n) => `Roll back ${n}`,
  reboot: (n) => `Reboot ${n}`,
};

const CONFIRM_LABELS: Record<HostActionKind, string> = {
  'check-update': 'Check now',
  upgrade: 'Upgrade',
  switch: 'Switch',
  rollback: 'Roll back',
  reboot: 'Reboot',
};

function buildRequest(kind: HostActionKind, when: When, revisionId: string, quarantineRevision: boolean): HostActionRequest {
  switch (kind) {
    case 'check-update':
      return { kind };
    case 'switch':
      return { kind, when, revisionId };
    case 'rollback':
      return { kind, when, quarantineRevision };
    default:
      return { kind, when };
  }
}

function RevisionPicker({ host, value, onChange }: { host: HostDetail; value: string; onChange: (id: string) => void }) {
  const revisions = useImageRevisions(host.imageId ?? '');
  if (!host.imageId) return <p className="form-error">This host runs no tracked image: track its image under Images to pick a revision.</p>;
  const choices = (revisions.data ?? []).filter((r) => !host.architecture || r.architecture === host.architecture);
  return (
    <label className="host-action__field">
      Revision
      <select className="input" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a revision…</option>
        {choices.map((r) => (
          <option key={r.id} value={r.id} disabled={r.quarantined}>
            {r.version ?? 'no version'} · {r.digest.slice(7, 19)}
            {r.current ? ' (current)' : ''}
            {r.quarantined ? ' (quarantined)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

function Slot({ label, slot }: { label: string; slot: ActionPreview['willBoot'] }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {slot.image ?? '—'} <strong>{slot.version ?? ''}</strong>
        <br />
        <span className="mono">{slot.digest ?? 'unknown digest'}</span>
      </dd>
    </>
  );
}

function PreviewPanel({ preview, when }: { preview: ActionPreview; when: When }) {
  const unchanged = preview.willBoot.digest !== null && preview.willBoot.digest === preview.current.digest;
  return (
    <section className="host-action__preview" aria-label="Will boot">
      <dl>
        <Slot label="Will boot" slot={preview.willBoot} />
        <Slot label="Boots now" slot={preview.current} />
      </dl>
      {unchanged ? <p className="muted">The host already boots this digest.</p> : null}
      {preview.quarantined ? <StatusBadge tone="danger">this revision is quarantined</StatusBadge> : null}
      <p className="muted">
        {preview.reboots ? 'The host reboots' : 'No reboot'}
        {preview.reboots && when === 'next-window' ? (preview.nextWindow ? ` in its next window, ${new Date(preview.nextWindow).toLocaleString()}` : ' at once: no window applies to it') : ''}
        {preview.reboots && when === 'now' ? ' now' : ''}.
      </p>
    </section>
  );
}

function StartedJob({ result }: { result: ActionResult }) {
  const job = useJob(result.jobId);
  return (
    <section aria-label="Action progress">
      <p>
        Started{result.operationId ? (
          <>
            {' '}
            as <Link to={`/rollouts/${result.operationId}`}>an operation</Link>
          </>
        ) : null}
        . {job.data ? <JobStateBadge state={job.data.state} /> : null}
      </p>
      {job.data ? <JobLog job={job.data} /> : <p className="muted">{result.jobId ? 'Loading the job…' : 'No job output for this action.'}</p>}
    </section>
  );
}

/** Asks before a host action, showing what the host will boot, then follows the started job's log. */
export function HostActionDialog({ host, kind, onClose }: { host: HostDetail; kind: HostActionKind; onClose: () => void }) {
  const [when, setWhen] = useState<When>('now');
  const [revisionId, setRevisionId] = useState('');
  const [quarantine, setQuarantine] = useState(false);
  const request = buildRequest(kind, when, revisionId, quarantine);
  const preview = useActionPreview(host.id, request);
  const run = useRunHostAction(host.id);
  const needsPreview = kind !== 'check-update';
  const ready = !needsPreview || (preview.data !== undefined && !preview.isFetching);

  return (
    <Dialog title={TITLES[kind](host.name)} onClose={onClose}>
      {run.data ? (
        <StartedJob result={run.data} />
      ) : (
        <form
          className="host-action"
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate(request);
          }}
        >
          {kind === 'switch' ? <RevisionPicker host={host} value={revisionId} onChange={setRevisionId} /> : null}
          {kind !== 'check-update' ? (
            <fieldset className="host-action__when">
              <legend>When</legend>
              <label>
                <input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} /> Now
              </label>
              <label>
                <input type="radio" name="when" checked={when === 'next-window'} onChange={() => setWhen('next-window')} /> In the next maintenance window
              </label>
            </fieldset>
          ) : (
            <p>Asks the registry whether the host's image has a newer digest; nothing changes on the host.</p>
          )}
          {kind === 'rollback' ? (
            <label className="form-check">
              <input type="checkbox" checked={quarantine} onChange={(e) => setQuarantine(e.target.checked)} /> Quarantine the revision rolled away from
            </label>
          ) : null}
          {kind === 'rollback' ? <p className="muted">The auto-update timer stays masked after the rollback.</p> : null}
          {preview.data ? <PreviewPanel preview={preview.data} when={when} /> : null}
          {needsPreview && preview.isLoading ? <p className="muted">Reading what the host will boot…</p> : null}
          <FormError message={preview.error ? formErrors(preview.error).form : null} />
          <FormError message={run.error ? formErrors(run.error).form : null} />
          <div className="form-actions">
            <button type="button" className="button button--ghost" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className={kind === 'check-update' ? 'button button--primary' : 'button button--danger'} disabled={!ready || preview.isError || run.isPending}>
              {CONFIRM_LABELS[kind]}
              {kind !== 'check-update' && when === 'next-window' ? ' in the next window' : ''}
            </button>
          </div>
        </form>
      )}
      {run.data ? (
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      ) : null}
    </Dialog>
  );
}
