import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { type DataTableColumn, DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { useCan } from '../auth';
import { relativeTime, shortDigest } from '../fleet/describe-host';
import { STATE_TONE } from './describe-rollout';
import { PhaseCounts, ProgressBar } from './rollout-progress';
import './rollouts.css';
import { type RolloutSummary, useLiveRollouts, useRollouts } from './use-rollouts';

function columns(now: Date): DataTableColumn<RolloutSummary>[] {
  return [
    { id: 'name', header: 'Rollout', width: '18%', cell: (r) => <Link to={`/rollouts/${r.id}`}>{r.name}</Link> },
    {
      id: 'state',
      header: 'State',
      width: '12ch',
      cell: (r) => (
        <StatusBadge tone={STATE_TONE[r.state]} title={r.pausedReason ?? undefined}>
          {r.state}
          {r.pausedReason ? ` (${r.pausedReason})` : ''}
        </StatusBadge>
      ),
    },
    { id: 'progress', header: 'Progress', width: '14ch', cell: (r) => <ProgressBar counts={r.counts} total={r.total} label={`${r.name} progress`} /> },
    { id: 'phases', header: 'Hosts by phase', cell: (r) => <PhaseCounts counts={r.counts} /> },
    {
      id: 'target',
      header: 'Target',
      width: '22%',
      cell: (r) => (
        <span title={r.targetDigest ?? undefined}>
          {r.action && r.kind === 'operation' ? `${r.action} · ` : ''}
          {r.targetReference ?? '—'} <span className="mono muted">{shortDigest(r.targetDigest)}</span>
        </span>
      ),
    },
    { id: 'started', header: 'Started', width: '11ch', cell: (r) => <span title={r.startedAt ?? undefined}>{r.startedAt ? relativeTime(r.startedAt, now) : r.startAt ? `at ${new Date(r.startAt).toLocaleString()}` : '—'}</span> },
    { id: 'finished', header: 'Finished', width: '11ch', cell: (r) => <span title={r.finishedAt ?? undefined}>{r.finishedAt ? relativeTime(r.finishedAt, now) : '—'}</span> },
  ];
}

export function RolloutsPage() {
  useLiveRollouts();
  const rollouts = useRollouts();
  const canOperate = useCan('operator');
  const [withOperations, setWithOperations] = useState(false);
  const rows = useMemo(() => (rollouts.data ?? []).filter((r) => withOperations || r.kind === 'rollout'), [rollouts.data, withOperations]);
  return (
    <>
      <PageHeader
        title="Rollouts"
        description="Image changes applied to groups of hosts in batches, inside their maintenance windows, with automatic rollback."
        actions={
          canOperate ? (
            <Link className="button button--primary" to="/rollouts/new">
              New rollout
            </Link>
          ) : null
        }
      />
      <label className="form-check">
        <input type="checkbox" checked={withOperations} onChange={(e) => setWithOperations(e.target.checked)} /> Include single-host actions
      </label>
      <DataTable
        label="Rollouts"
        columns={columns(new Date())}
        rows={rows}
        rowKey={(r) => r.id}
        loading={rollouts.isLoading}
        empty={
          <EmptyState title="No rollouts yet">
            <p>A rollout moves a set of hosts to a new image batch by batch and rolls failed hosts back. Track an image under Images and enroll hosts under Fleet, then start one here.</p>
          </EmptyState>
        }
      />
    </>
  );
}
