import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { useCan } from '../auth';
import { relativeTime } from '../fleet/describe-host';
import { useJob } from '../fleet/use-hosts';
import { JobLog, JobStateBadge } from '../hosts/job-log';
import { formErrors } from '../registries/form-errors';
import { FormError } from '../registries/form-field';
import { commandsFor, PHASE_TONE, phaseTimeline, type RolloutCommandName, STATE_TONE } from './describe-rollout';
import { PhaseCounts, ProgressBar } from './rollout-progress';
import './rollouts.css';
import { type RolloutDetail, type RolloutHost, useLiveRollouts, useRollout, useRolloutMutations } from './use-rollouts';

const COMMAND_LABELS: Record<RolloutCommandName, string> = {
  start: 'Start',
  pause: 'Pause',
  resume: 'Resume',
  'approve-next-batch': 'Approve next batch',
  cancel: 'Cancel',
  'retry-failed': 'Retry failed hosts',
};
const COMMAND_ORDER: RolloutCommandName[] = ['start', 'resume', 'approve-next-batch', 'pause', 'retry-failed', 'cancel'];

function Commands({ rollout }: { rollout: RolloutDetail }) {
  const { command } = useRolloutMutations();
  const [error, setError] = useState<string | null>(null);
  const allowed = commandsFor(rollout);
  return (
    <>
      {COMMAND_ORDER.filter((c) => allowed.has(c)).map((c) => (
        <button
          key={c}
          type="button"
          className={c === 'cancel' ? 'button button--danger' : c === 'start' || c === 'resume' || c === 'approve-next-batch' ? 'button button--primary' : 'button'}
          disabled={command.isPending}
          onClick={() => {
            if (c === 'cancel' && !window.confirm(`Cancel ${rollout.name}? Hosts not yet changed stay as they are.`)) return;
            command.mutateAsync({ id: rollout.id, command: c }).then(
              () => setError(null),
              (e: unknown) => setError(formErrors(e).form),
            );
          }}
        >
          {COMMAND_LABELS[c]}
        </button>
      ))}
      <FormError message={error} />
    </>
  );
}

function HostPanel({ host, now }: { host: RolloutHost; now: Date }) {
  const job = useJob(host.jobId);
  return (
    <section className="host-panel rollout-host-panel" aria-label={`${host.hostName} in this rollout`}>
      <h2>
        <Link to={`/hosts/${host.hostId}`}>{host.hostName}</Link> <StatusBadge tone={PHASE_TONE[host.phase]}>{host.phase}</StatusBadge>{' '}
        {job.data ? <JobStateBadge state={job.data.state} /> : null}
      </h2>
      {host.error ? (
        <p className="form-error">
          {host.error.message} ({host.error.code})
        </p>
      ) : null}
      {host.windowOpensAt && host.phase === 'waiting-window' ? <p>Waits for its window opening {new Date(host.windowOpensAt).toLocaleString()}.</p> : null}
      <table className="rollout-timings" aria-label="Phase timings">
        <tbody>
          {phaseTimeline(host.timings, host.finishedAt, now).map((t) => (
            <tr key={t.phase}>
              <th scope="row">{t.phase}</th>
              <td>
                <time dateTime={t.at}>{new Date(t.at).toLocaleTimeString()}</time>
              </td>
              <td className="align-end">{t.lasted}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {job.data ? <JobLog job={job.data} /> : <p className="muted">{host.jobId ? 'Loading the log…' : 'No job yet: the host has not started.'}</p>}
    </section>
  );
}

function Batches({ rollout, selected, onSelect }: { rollout: RolloutDetail; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <table className="rollout-batches" aria-label="Batches">
      <tbody>
        {rollout.batches.map((b) => (
          <tr key={b.index} className={rollout.currentBatch === b.index ? 'is-current' : undefined} aria-label={`Batch ${b.index + 1}`}>
            <th scope="row">
              Batch {b.index + 1}
              {b.index === 0 && rollout.strategy.canaryCount > 0 ? ' (canary)' : ''}
            </th>
            <td className="rollout-batches__progress">
              <ProgressBar counts={b.counts} total={b.total} label={`Batch ${b.index + 1} progress`} />
            </td>
            <td>
              <div className="host-chips">
                {rollout.hosts
                  .filter((h) => h.batch === b.index)
                  .map((h) => (
                    <button
                      key={h.id}
                      type="button"
                      className={`host-chip host-chip--${PHASE_TONE[h.phase]}`}
                      data-phase={h.phase}
                      aria-pressed={selected === h.id}
                      title={`${h.hostName}: ${h.phase}`}
                      onClick={() => onSelect(h.id)}
                    >
                      {h.hostName} <span className="host-chip__phase">{h.phase}</span>
                    </button>
                  ))}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RolloutDetailPage() {
  useLiveRollouts();
  const { id = '' } = useParams();
  const rollout = useRollout(id);
  const canOperate = useCan('operator');
  const [selected, setSelected] = useState<string | null>(null);
  if (rollout.error) {
    return (
      <>
        <PageHeader title="Rollout" />
        <FormError message={formErrors(rollout.error).form} />
        <Link to="/rollouts">Back to the rollouts</Link>
      </>
    );
  }
  const r = rollout.data;
  if (!r) return <PageHeader title="Rollout" description="Loading…" />;
  const now = new Date();
  const shown = r.hosts.find((h) => h.id === selected) ?? null;
  return (
    <>
      <PageHeader
        title={r.name}
        description={
          <>
            <StatusBadge tone={STATE_TONE[r.state]}>
              <span data-testid="rollout-state">{r.state}</span>
              {r.pausedReason ? ` (${r.pausedReason})` : ''}
            </StatusBadge>{' '}
            · {r.targetReference ?? '—'} <span className="mono">{r.targetDigest ?? ''}</span> · by {r.createdBy}
            {r.startedAt ? ` · started ${relativeTime(r.startedAt, now)}` : ''}
            {r.finishedAt ? ` · finished ${relativeTime(r.finishedAt, now)}` : ''}
          </>
        }
        actions={canOperate ? <Commands rollout={r} /> : null}
      />
      <div className="rollout-overview">
        <ProgressBar counts={r.counts} total={r.total} label="Rollout progress" />
        <PhaseCounts counts={r.counts} />
        <span className="muted">
          canary {r.strategy.canaryCount} · batches of {'count' in r.strategy.batchSize ? r.strategy.batchSize.count : `${r.strategy.batchSize.percent}%`} · ≤{r.strategy.maxParallelReboots} rebooting · success ≥
          {Math.round(r.strategy.successThreshold * 100)}% · pause after {r.strategy.maxFailures} failure(s){r.strategy.requireApproval ? ' · approval per batch' : ''}
        </span>
      </div>
      <Batches rollout={r} selected={selected} onSelect={(hid) => setSelected(selected === hid ? null : hid)} />
      {shown ? <HostPanel host={shown} now={now} /> : <p className="muted">Click a host to see its phases and live log.</p>}
    </>
  );
}
