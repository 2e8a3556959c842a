import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { useCan } from '../auth';
import { ATTENTION_TEXT, describeUptime, formatLabels, parseLabels, relativeTime, STATUS_TONE } from '../fleet/describe-host';
import '../fleet/fleet.css';
import { type HostDetail, useHost, useHostHistory, useHostJobs, useHostMutations, useLiveHosts } from '../fleet/use-hosts';
import { formErrors } from '../registries/form-errors';
import { FormError } from '../registries/form-field';
import { HostActions } from './host-actions';
import './host-page.css';
import { JobLog, JobStateBadge } from './job-log';
import { SlotCard } from './slot-card';

function HostKeyBanner({ host }: { host: HostDetail }) {
  const canOperate = useCan('operator');
  const { approveHostKey } = useHostMutations();
  const [error, setError] = useState<string | null>(null);
  if (!host.presentedFingerprint) return null;
  return (
    <div className="attention-banner" role="alert">
      <strong>The host key changed.</strong> Nothing runs on this host until an operator approves the key it presents now.
      <dl>
        <dt>Pinned</dt>
        <dd className="mono">{host.hostKeyFingerprint}</dd>
        <dt>Presented</dt>
        <dd className="mono">{host.presentedFingerprint}</dd>
      </dl>
      {canOperate ? (
        <button
          type="button"
          className="button button--danger"
          onClick={() =>
            void approveHostKey
              .mutateAsync({ id: host.id, fingerprint: host.presentedFingerprint as string })
              .then(() => setError(null))
              .catch((e: unknown) => setError(formErrors(e).form))
          }
        >
          Approve the new key
        </button>
      ) : null}
      <FormError message={error} />
    </div>
  );
}

function LabelsEditor({ host }: { host: HostDetail }) {
  const canOperate = useCan('operator');
  const { update } = useHostMutations();
  const [editing, setEditing] = useState(false);
  const [labels, setLabels] = useState('');
  const [group, setGroup] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    const parsed = parseLabels(labels);
    if (typeof parsed === 'string') return setError(parsed);
    try {
      await update.mutateAsync({ id: host.id, body: { labels: parsed, group: group.trim() || null } });
      setEditing(false);
      setError(null);
    } catch (err) {
      const errors = formErrors(err);
      setError(errors.form ?? Object.entries(errors.fields).map(([k, v]) => `${k}: ${v}`).join('; '));
    }
  }
  if (!editing) {
    return (
      <p>
        Labels <span className="mono">{formatLabels(host.labels) || '—'}</span> · Group <span className="mono">{host.group ?? '—'}</span>{' '}
        {canOperate ? (
          <button type="button" className="button button--ghost" onClick={() => (setLabels(formatLabels(host.labels)), setGroup(host.group ?? ''), setEditing(true))}>
            Edit
          </button>
        ) : null}
      </p>
    );
  }
  return (
    <form className="form-row" onSubmit={(e) => void save(e)} aria-label="Labels and group">
      <input className="input" aria-label="Labels" value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="env=prod site=berlin" />
      <input className="input" aria-label="Group" value={group} onChange={(e) => setGroup(e.target.value)} placeholder="group" />
      <button type="submit" className="button button--primary">
        Save
      </button>
      <button type="button" className="button button--ghost" onClick={() => setEditing(false)}>
        Cancel
      </button>
      <FormError message={error} />
    </form>
  );
}

function TimerState({ host }: { host: HostDetail }) {
  const canOperate = useCan('operator');
  const { update } = useHostMutations();
  return (
    <section className="host-panel" aria-label="Auto-update timer">
      <h2>Auto-update timer</h2>
      <p>
        <span data-testid="timer-state">{host.timerState ?? 'unknown'}</span>
        <span className="muted"> (was {host.timerStateAtEnrollment ?? 'unknown'} at enrollment)</span>
      </p>
      <label className="form-check">
        <input
          type="checkbox"
          disabled={!canOperate || update.isPending}
          checked={host.autoUpdateOptOut}
          onChange={(e) => void update.mutateAsync({ id: host.id, body: { autoUpdateOptOut: e.target.checked } })}
        />
        Leave the timer alone on this host (opt out of masking)
      </label>
    </section>
  );
}

function Facts({ host }: { host: HostDetail }) {
  const facts = host.facts;
  return (
    <section className="host-panel" aria-label="Facts">
      <h2>Facts</h2>
      {facts ? (
        <dl className="facts">
          <dt>Hostname</dt>
          <dd>{facts.hostname}</dd>
          <dt>OS</dt>
          <dd>{facts.osRelease.PRETTY_NAME ?? facts.osRelease.NAME ?? '—'}</dd>
          <dt>Kernel</dt>
          <dd className="mono">{facts.kernel}</dd>
          <dt>Architecture</dt>
          <dd>{facts.architecture}</dd>
          <dt>Uptime</dt>
          <dd>{describeUptime(facts.uptimeSeconds)}</dd>
          <dt>Boot ID</dt>
          <dd className="mono">{facts.bootId}</dd>
        </dl>
      ) : (
        <p className="muted">not read yet</p>
      )}
    </section>
  );
}

function History({ hostId }: { hostId: string }) {
  const history = useHostHistory(hostId);
  return (
    <section className="host-panel" aria-label="History">
      <h2>History</h2>
      <ol className="host-history">
        {(history.data ?? []).map((e) => (
          <li key={e.id} data-kind={e.kind}>
            <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> <strong>{e.kind}</strong> {e.summary}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Jobs({ hostId }: { hostId: string }) {
  const jobs = useHostJobs(hostId);
  const [open, setOpen] = useState<string | null>(null);
  const shown = jobs.data?.find((j) => j.id === open) ?? null;
  return (
    <section className="host-panel" aria-label="Jobs">
      <h2>Jobs</h2>
      {jobs.data?.length === 0 ? <p className="muted">No jobs on this host yet.</p> : null}
      <ul className="host-jobs">
        {(jobs.data ?? []).map((j) => (
          <li key={j.id}>
            <button type="button" className="button button--ghost" onClick={() => setOpen(open === j.id ? null : j.id)} aria-expanded={open === j.id}>
              {j.title}
            </button>{' '}
            <JobStateBadge state={j.state} /> <span className="muted">{new Date(j.createdAt).toLocaleString()}</span>
          </li>
        ))}
      </ul>
      {shown ? <JobLog job={shown} /> : null}
    </section>
  );
}

export function HostPage() {
  useLiveHosts();
  const { id = '' } = useParams();
  const host = useHost(id);
  const { refresh } = useHostMutations();
  const canOperate = useCan('operator');
  const [error, setError] = useState<string | null>(null);

  if (host.error) {
    return (
      <>
        <PageHeader title="Host" />
        <FormError message={formErrors(host.error).form} />
        <Link to="/fleet">Back to the fleet</Link>
      </>
    );
  }
  const h = host.data;
  if (!h) return <PageHeader title="Host" description="Loading…" />;
  const now = new Date();
  return (
    <>
      <PageHeader
        title={h.name}
        description={
          <>
            <span className="mono">
              {h.sshUser}@{h.address}:{h.port}
            </span>{' '}
            · <StatusBadge tone={STATUS_TONE[h.status]}>{h.status}</StatusBadge> · last seen <span data-testid="last-seen">{relativeTime(h.lastSeenAt, now)}</span>
            {h.updateAvailable ? (
              <>
                {' '}
                · <StatusBadge tone="info">update available</StatusBadge>
              </>
            ) : null}
          </>
        }
        actions={
          canOperate ? (
            <>
              <HostActions host={h} />
              <button type="button" className="button" onClick={() => void refresh.mutateAsync(h.id).then(() => setError(null), (e: unknown) => setError(formErrors(e).form))}>
                Refresh
              </button>
            </>
          ) : null
        }
      />
      <FormError message={error} />
      <HostKeyBanner host={h} />
      {h.attention.filter((a) => a !== 'host-key-changed').length ? (
        <div className="attention-list">
          {h.attention
            .filter((a) => a !== 'host-key-changed')
            .map((a) => (
              <StatusBadge key={a} tone={ATTENTION_TEXT[a].tone} title={ATTENTION_TEXT[a].help}>
                {ATTENTION_TEXT[a].label}: {ATTENTION_TEXT[a].help}
              </StatusBadge>
            ))}
        </div>
      ) : null}
      {h.lastError ? (
        <p className="form-error">
          Last error {relativeTime(h.lastError.at, now)}: {h.lastError.message} ({h.lastError.code})
        </p>
      ) : null}
      <LabelsEditor host={h} />
      <div className="slots">
        <SlotCard title="Booted" slot={h.booted} />
        <SlotCard title="Staged" slot={h.staged} note={h.staged?.downloadOnly ? 'downloaded only: not applied at the next reboot' : undefined} />
        <SlotCard title="Rollback" slot={h.rollback} note={h.rollbackQueued ? 'queued: the next boot uses it' : undefined} />
      </div>
      {h.cachedUpdate ? (
        <p>
          Cached update: <strong>{h.cachedUpdate.version ?? '—'}</strong> <span className="mono">{h.cachedUpdate.digest}</span>
        </p>
      ) : null}
      <div className="host-panels">
        <Facts host={h} />
        <TimerState host={h} />
        <History hostId={h.id} />
        <Jobs hostId={h.id} />
      </div>
    </>
  );
}
