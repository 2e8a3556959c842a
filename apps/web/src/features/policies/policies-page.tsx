import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import type { Shortcut } from '../../keyboard/key-sequence';
import { useShortcuts } from '../../keyboard/keyboard-shortcuts';
import { useCan } from '../auth';
import { relativeTime } from '../fleet/describe-host';
import { useImages } from '../images/use-images';
import { FormError } from '../registries/form-field';
import { STATE_TONE } from '../rollouts/describe-rollout';
import { describePlan, describeSelector, describeStart, planCells } from './describe-policy';
import { policyServerErrors } from './policy-values';
import { type Policy, useLivePolicies, usePolicies, usePolicyMutations } from './use-policies';

function LastRollout({ policy, now }: { policy: Policy; now: Date }) {
  const rollout = policy.lastRollout;
  if (!rollout) {
    return (
      <span className="muted" title={policy.lastDigest ? `Acts on revisions after ${policy.lastDigest}` : undefined}>
        none yet
      </span>
    );
  }
  return (
    <span title={`${rollout.name}, created ${relativeTime(rollout.createdAt, now)}`}>
      <StatusBadge tone={STATE_TONE[rollout.state]} title={rollout.pausedReason ?? undefined}>
        {rollout.state}
      </StatusBadge>{' '}
      <Link to={`/rollouts/${rollout.id}`}>{rollout.name}</Link>
    </span>
  );
}

export function PoliciesPage() {
  useLivePolicies();
  const policies = usePolicies();
  const images = useImages();
  const { update, remove } = usePolicyMutations();
  const navigate = useNavigate();
  const [actionError, setActionError] = useState<string | null>(null);
  // Viewers see the list; the buttons that change it are for those allowed to.
  const canChange = useCan('operator');
  const references = useMemo(() => new Map((images.data ?? []).map((i) => [i.id, i.reference])), [images.data]);

  const shortcuts = useMemo<Shortcut[]>(
    () => (canChange ? [{ keys: ['n'], description: 'New policy', group: 'Policies', run: () => void navigate('/policies/new') }] : []),
    [canChange, navigate],
  );
  useShortcuts(shortcuts);

  async function run(action: () => Promise<unknown>) {
    setActionError(null);
    try {
      await action();
    } catch (error) {
      setActionError(policyServerErrors(error).form);
    }
  }

  const now = new Date();
  // The plan's cells share one tooltip with the whole plan, approval and success threshold included.
  const planCell = (key: keyof ReturnType<typeof planCells>) => (p: Policy) => <span title={describePlan(p.strategy)}>{planCells(p.strategy)[key]}</span>;
  const columns: DataTableColumn<Policy>[] = [
    {
      id: 'name',
      header: 'Policy',
      width: '12%',
      cell: (p) => (
        <Link to={`/policies/${p.id}`} title={canChange ? 'Edit the policy' : 'All its settings'}>
          {p.name}
        </Link>
      ),
    },
    {
      id: 'image',
      header: 'Image',
      cell: (p) =>
        references.has(p.imageId) ? (
          <span className="mono" title={references.get(p.imageId)}>
            {references.get(p.imageId)}
          </span>
        ) : images.isPending ? null : (
          <span className="muted" title={p.imageId}>
            image no longer tracked
          </span>
        ),
    },
    { id: 'hosts', header: 'Hosts', width: '11%', cell: (p) => <span title={describeSelector(p.selector)}>{describeSelector(p.selector)}</span> },
    { id: 'start', header: 'Starts', width: '9ch', cell: (p) => describeStart(p.autoStart) },
    { id: 'canary', header: 'Canary', width: '8ch', align: 'end', cell: planCell('canary') },
    { id: 'batch', header: 'Batch', width: '7ch', align: 'end', cell: planCell('batch') },
    { id: 'pause', header: 'Pause at', width: '10ch', cell: planCell('pauseAt') },
    { id: 'soak', header: 'Soak', width: '10ch', cell: planCell('soak') },
    {
      id: 'enabled',
      header: 'State',
      width: '11ch',
      cell: (p) => <StatusBadge tone={p.enabled ? 'ok' : 'neutral'}>{p.enabled ? 'enabled' : 'disabled'}</StatusBadge>,
    },
    { id: 'last', header: 'Last rollout', width: '17%', cell: (p) => <LastRollout policy={p} now={now} /> },
  ];
  if (canChange)
    columns.push({
      id: 'actions',
      header: '',
      width: '150px',
      align: 'end',
      cell: (p) => (
        <span className="row-actions">
          <button type="button" className="button" aria-label={`${p.enabled ? 'Disable' : 'Enable'} ${p.name}`} onClick={() => void run(() => update.mutateAsync({ id: p.id, body: { enabled: !p.enabled } }))}>
            {p.enabled ? 'Disable' : 'Enable'}
          </button>
          <button
            type="button"
            className="button button--danger"
            aria-label={`Delete ${p.name}`}
            onClick={() => globalThis.confirm(`Delete policy ${p.name}? The rollouts it created stay.`) && void run(() => remove.mutateAsync(p.id))}
          >
            Delete
          </button>
        </span>
      ),
    });

  return (
    <>
      <PageHeader
        title="Policies"
        description="Rollout policies watch an image's tag: each new revision becomes a rollout of the chosen hosts, with canaries, batches, thresholds and soak."
        actions={
          canChange ? (
            <Link className="button button--primary" to="/policies/new">
              New policy
            </Link>
          ) : null
        }
      />
      <FormError message={actionError ?? (policies.error ? policyServerErrors(policies.error).form : null)} />
      <DataTable
        label="Rollout policies"
        columns={columns}
        rows={policies.data ?? []}
        rowKey={(p) => p.id}
        loading={policies.isPending}
        empty={
          <EmptyState title="No rollout policies yet">
            <p>A policy keeps hosts on the latest revision of an image's tag: when the tag moves, it creates a rollout of the hosts it selects, started at once or left for an operator to start.</p>
          </EmptyState>
        }
      />
    </>
  );
}
