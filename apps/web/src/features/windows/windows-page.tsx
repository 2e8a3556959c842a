import { useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { useCan } from '../auth';
import { formErrors } from '../registries/form-errors';
import { Dialog, FormError } from '../registries/form-field';
import { type MaintenanceWindow, useWindowMutations, useWindows } from './use-windows';
import { browserTimeZone, formatInZone, relativeTo } from './window-form-values';
import { WindowForm } from './window-form';
import './windows.css';

function NextOpening({ window }: { window: MaintenanceWindow }) {
  const next = window.nextOpenings[0];
  if (!next) return <span className="muted">none</span>;
  const zone = window.timeZone ?? 'UTC';
  return (
    <span title={`Your time: ${formatInZone(next.start, browserTimeZone())}`}>
      <strong>{relativeTo(new Date(next.start), new Date(next.end), new Date())}</strong>
      <span className="muted"> · {formatInZone(next.start, zone)}</span>
    </span>
  );
}

export function WindowsPage() {
  const windows = useWindows();
  const { update, remove } = useWindowMutations();
  const [editing, setEditing] = useState<MaintenanceWindow | 'new' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  // Viewers see the list; the buttons that change it are for those allowed to.
  const canChange = useCan('operator');

  async function run(action: () => Promise<unknown>) {
    setActionError(null);
    try {
      await action();
    } catch (error) {
      const e = formErrors(error);
      setActionError(e.form ?? Object.values(e.fields)[0] ?? 'failed');
    }
  }

  const columns: DataTableColumn<MaintenanceWindow>[] = [
    { id: 'name', header: 'Name', width: '13%', cell: (w) => <strong>{w.name}</strong> },
    { id: 'kind', header: 'Kind', width: '8%', cell: (w) => w.kind },
    { id: 'description', header: 'When', cell: (w) => w.description },
    { id: 'zone', header: 'Time zone', width: '11%', cell: (w) => w.timeZone ?? 'UTC' },
    { id: 'selector', header: 'Hosts', width: '13%', cell: (w) => w.selectorDescription },
    { id: 'next', header: 'Next opening', width: '20%', cell: (w) => <NextOpening window={w} /> },
    { id: 'count', header: 'Host count', width: '7%', align: 'end', cell: (w) => w.hostCount },
    {
      id: 'enabled',
      header: 'Enabled',
      width: '7%',
      cell: (w) => (
        <input
          type="checkbox"
          checked={w.enabled}
          aria-label={`${w.name} enabled`}
          onChange={(e) => void run(() => update.mutateAsync({ id: w.id, body: { enabled: e.target.checked } }))}
        />
      ),
    },
  ];
  if (canChange)
    columns.push({
      id: 'actions',
      header: '',
      width: '140px',
      align: 'end',
      cell: (w) => (
        <span className="row-actions">
          <button type="button" className="button" onClick={() => setEditing(w)} aria-label={`Edit ${w.name}`}>
            Edit
          </button>
          <button
            type="button"
            className="button button--danger"
            aria-label={`Delete ${w.name}`}
            onClick={() => globalThis.confirm(`Delete window ${w.name}?`) && void run(() => remove.mutateAsync(w.id))}
          >
            Delete
          </button>
        </span>
      ),
    });

  return (
    <>
      <PageHeader
        title="Windows"
        description="Maintenance windows: when hosts may reboot into a new image. Downloading and staging may happen any time; hosts without a window are not restricted."
        actions={
          canChange ? (
            <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
              New window
            </button>
          ) : null
        }
      />
      <FormError message={actionError ?? (windows.error ? formErrors(windows.error).form : null)} />
      <DataTable
        label="Maintenance windows"
        columns={columns}
        rows={windows.data ?? []}
        rowKey={(w) => w.id}
        loading={windows.isPending}
        empty={
          <EmptyState title="No maintenance windows">
            <p>A window is a recurring schedule in a time zone, such as Sundays 02:00 for 3 hours in Europe/Berlin, or a one-off period. Assign it to hosts by label or group; a reboot then starts only inside the window with enough time left.</p>
          </EmptyState>
        }
      />
      {editing ? (
        <Dialog title={editing === 'new' ? 'New maintenance window' : `Edit ${editing.name}`} onClose={() => setEditing(null)}>
          <WindowForm {...(editing === 'new' ? {} : { window: editing })} onDone={() => setEditing(null)} />
        </Dialog>
      ) : null}
    </>
  );
}
