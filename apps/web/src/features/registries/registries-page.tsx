import { useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { useCan } from '../auth';
import { StatusBadge } from '../../components/status-badge';
import { pushSupport } from './describe-push';
import { describeAuth, describeTestResult, describeTls } from './describe-registry';
import { Dialog, FormError } from './form-field';
import { formErrors } from './form-errors';
import { PushCredentialsDialog } from './push-credentials-dialog';
import { RegistryForm } from './registry-form';
import { type Registry, useRegistries, useRegistryMutations } from './use-registries';

function LastTest({ registry }: { registry: Registry }) {
  if (!registry.lastTest) return <span className="muted">never tested</span>;
  const described = describeTestResult(registry.lastTest);
  return (
    <StatusBadge tone={described.tone} title={`${described.detail} at ${new Date(registry.lastTest.at).toLocaleString()}`}>
      {described.label}
    </StatusBadge>
  );
}

/** Offered where hosts need something from bootfleet to pull; a token registry says why it cannot be pushed. */
function PushButton({ registry, onClick }: { registry: Registry; onClick: () => void }) {
  const support = pushSupport(registry);
  if (!support.pushable && registry.credentials.kind === 'none') return null;
  return (
    <button
      type="button"
      className="button"
      onClick={onClick}
      disabled={!support.pushable}
      title={support.pushable ? `Writes ${support.writes} on the hosts you choose` : support.reason}
      aria-label={`Push credentials of ${registry.name} to hosts`}
    >
      Push credentials
    </button>
  );
}

export function RegistriesPage() {
  const registries = useRegistries();
  const { test, remove } = useRegistryMutations();
  const [editing, setEditing] = useState<Registry | 'new' | null>(null);
  const [pushing, setPushing] = useState<Registry | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  // Viewers see the list; the buttons that change it are for those allowed to.
  const canChange = useCan('admin');

  async function run(action: () => Promise<unknown>) {
    setActionError(null);
    try {
      await action();
    } catch (error) {
      setActionError(formErrors(error).form ?? Object.values(formErrors(error).fields)[0] ?? 'failed');
    }
  }

  const columns: DataTableColumn<Registry>[] = [
    { id: 'name', header: 'Name', width: '16%', cell: (r) => <strong>{r.name}</strong> },
    { id: 'url', header: 'URL', cell: (r) => <span className="mono">{r.url}</span> },
    { id: 'auth', header: 'Auth', width: '14%', cell: (r) => describeAuth(r.credentials) },
    { id: 'tls', header: 'TLS', width: '11%', cell: (r) => describeTls(r) },
    { id: 'test', header: 'Last test', width: '14%', cell: (r) => <LastTest registry={r} /> },
    { id: 'images', header: 'Images', width: '7%', align: 'end', cell: (r) => r.imageCount },
  ];
  if (canChange)
    columns.push({
      id: 'actions',
      header: '',
      width: '330px',
      align: 'end',
      cell: (r) => (
        <span className="row-actions">
          <PushButton registry={r} onClick={() => setPushing(r)} />
          <button type="button" className="button" onClick={() => void run(() => test.mutateAsync(r.id))} aria-label={`Test ${r.name}`}>
            Test
          </button>
          <button type="button" className="button" onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>
            Edit
          </button>
          <button
            type="button"
            className="button button--danger"
            aria-label={`Delete ${r.name}`}
            onClick={() => window.confirm(`Delete registry ${r.name}?`) && void run(() => remove.mutateAsync(r.id))}
          >
            Delete
          </button>
        </span>
      ),
    });

  return (
    <>
      <PageHeader
        title="Registries"
        description="The OCI registries hosts pull their images from, and the credentials bootfleet uses."
        actions={
          canChange ? (
            <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
              Add registry
            </button>
          ) : null
        }
      />
      <FormError message={actionError ?? (registries.error ? formErrors(registries.error).form : null)} />
      <DataTable
        label="Registries"
        columns={columns}
        rows={registries.data ?? []}
        rowKey={(r) => r.id}
        loading={registries.isPending}
        empty={
          <EmptyState title="No registries configured">
            <p>Add each registry your hosts pull from, with credentials if it needs them. bootfleet resolves tags there and watches them for new digests.</p>
          </EmptyState>
        }
      />
      {editing ? (
        <Dialog title={editing === 'new' ? 'Add registry' : `Edit ${editing.name}`} onClose={() => setEditing(null)}>
          <RegistryForm {...(editing === 'new' ? {} : { registry: editing })} onDone={() => setEditing(null)} />
        </Dialog>
      ) : null}
      {pushing ? <PushCredentialsDialog registry={pushing} onClose={() => setPushing(null)} /> : null}
    </>
  );
}
