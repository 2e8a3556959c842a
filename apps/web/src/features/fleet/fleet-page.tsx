import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import type { Shortcut } from '../../keyboard/key-sequence';
import { useShortcuts } from '../../keyboard/keyboard-shortcuts';
import { useCan } from '../auth';
import { formErrors } from '../registries/form-errors';
import { FormError } from '../registries/form-field';
import { EnrollDialog } from './enroll-dialog';
import { type FleetBulkAction, type FleetTarget, useFleetBulkActions } from './fleet-actions';
import { FleetFilters } from './fleet-filters';
import { type FleetView, hasFilters, listQuery, PAGE_SIZES, paramsFromView, viewFromParams, withSort } from './fleet-query';
import { FleetTable } from './fleet-table';
import './fleet.css';
import { EMPTY_SELECTION, selectAllMatching, selectedCount, toggle, togglePage } from './host-selection';
import { ImportDialog } from './import-dialog';
import { useHostPage, useLiveHosts } from './use-hosts';

// "Last seen 2 min ago" ages without a refetch.
const CLOCK_TICK_MS = 15_000;

function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function FleetPage() {
  useLiveHosts();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewFromParams(params), [params]);
  const setView = useCallback((next: FleetView) => setParams(paramsFromView(next), { replace: true }), [setParams]);
  const page = useHostPage(listQuery(view));
  const canOperate = useCan('operator');
  const navigate = useNavigate();
  const now = useNow();
  const searchRef = useRef<HTMLInputElement>(null);
  const [selection, setSelection] = useState(EMPTY_SELECTION);
  const [cursor, setCursor] = useState(0);
  const [dialog, setDialog] = useState<'enroll' | 'import' | null>(null);
  const [outcome, setOutcome] = useState<{ text: string; error: boolean } | null>(null);
  const [actionDialog, setActionDialog] = useState<ReactNode>(null);
  const actions = useFleetBulkActions();

  const hosts = useMemo(() => page.data?.items ?? [], [page.data]);
  const total = page.data?.total ?? 0;
  const rowIds = useMemo(() => hosts.map((h) => h.id), [hosts]);
  const pages = Math.max(1, Math.ceil(total / view.pageSize));

  // A new filter, sort or page is a new set of rows: selection and cursor start over.
  const viewKey = params.toString();
  useEffect(() => {
    setSelection(EMPTY_SELECTION);
    setCursor(0);
  }, [viewKey]);

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      { keys: ['j'], description: 'Next host', group: 'Fleet', run: () => setCursor((c) => Math.min(c + 1, Math.max(rowIds.length - 1, 0))) },
      { keys: ['k'], description: 'Previous host', group: 'Fleet', run: () => setCursor((c) => Math.max(c - 1, 0)) },
      { keys: ['x'], description: 'Select the host under the cursor', group: 'Fleet', run: () => rowIds[cursor] && setSelection((s) => toggle(s, rowIds, rowIds[cursor] as string, false)) },
      { keys: ['Enter'], description: 'Open the host under the cursor', group: 'Fleet', run: () => rowIds[cursor] && void navigate(`/hosts/${rowIds[cursor]}`) },
      { keys: ['/'], description: 'Search hosts', group: 'Fleet', run: () => searchRef.current?.focus() },
    ],
    [rowIds, cursor, navigate],
  );
  useShortcuts(shortcuts);

  useEffect(() => {
    document.querySelector('.fleet-table tr.is-cursor')?.scrollIntoView?.({ block: 'nearest' });
  }, [cursor]);

  const target: FleetTarget = { hostIds: selection.allMatching ? [] : [...selection.ids], allMatching: selection.allMatching, count: selectedCount(selection, total) };

  async function runAction(action: FleetBulkAction) {
    if (action.confirm && !window.confirm(action.confirm(target))) return;
    setOutcome(null);
    try {
      if (action.dialog) return setActionDialog(action.dialog(target, () => setActionDialog(null)));
      setOutcome({ text: `${action.label}: ${await action.run(target)}`, error: false });
      setSelection(EMPTY_SELECTION);
    } catch (error) {
      const errors = formErrors(error);
      setOutcome({ text: `${action.label}: ${errors.form ?? Object.values(errors.fields)[0] ?? 'failed'}`, error: true });
    }
  }

  const filtered = hasFilters(view);
  return (
    <>
      <PageHeader
        title="Fleet"
        description="Every enrolled bootc host: what it runs, what is staged, and when it may reboot."
        actions={
          canOperate ? (
            <>
              <button type="button" className="button" onClick={() => setDialog('import')}>
                Import hosts
              </button>
              <button type="button" className="button button--primary" onClick={() => setDialog('enroll')}>
                Enroll host
              </button>
            </>
          ) : null
        }
      />
      <FleetFilters view={view} onChange={setView} searchRef={searchRef} />
      {canOperate && target.count > 0 ? (
        <div className="fleet-toolbar" role="toolbar" aria-label="Bulk actions">
          <span>
            {target.count} selected{selection.allMatching ? ' (every matching host)' : ''}
          </span>
          {!selection.allMatching && selection.ids.size === hosts.length && total > hosts.length ? (
            <button type="button" className="button button--ghost" onClick={() => setSelection(selectAllMatching(rowIds))}>
              Select all {total} matching
            </button>
          ) : null}
          {actions.map((a) => (
            <button key={a.id} type="button" className={a.danger ? 'button button--danger' : 'button'} onClick={() => void runAction(a)}>
              {a.label}
            </button>
          ))}
          <button type="button" className="button button--ghost" onClick={() => setSelection(EMPTY_SELECTION)}>
            Clear
          </button>
        </div>
      ) : null}
      {outcome ? (
        <p className={outcome.error ? 'form-error' : 'fleet-outcome'} role="status">
          {outcome.text}
        </p>
      ) : null}
      <FormError message={page.error ? formErrors(page.error).form : null} />
      <FleetTable
        hosts={hosts}
        view={view}
        loading={page.isPending}
        selection={selection}
        cursor={cursor}
        now={now}
        onSort={(sort) => setView(withSort(view, sort))}
        onToggle={(id, shift) => setSelection((s) => toggle(s, rowIds, id, shift))}
        onTogglePage={() => setSelection((s) => togglePage(s, rowIds))}
        onCursor={setCursor}
        empty={
          filtered ? (
            <EmptyState title="No host matches these filters">
              <p>Change or clear the filters above.</p>
            </EmptyState>
          ) : (
            <EmptyState title="No hosts enrolled yet">
              <p>Add a host by its SSH address (Enroll host), paste or upload an inventory (Import hosts), or boot a per-host install ISO (see ISOs) and it enrolls itself after installation.</p>
            </EmptyState>
          )
        }
      />
      <nav className="fleet-pager" aria-label="Pages">
        <span data-testid="host-total">
          {total} host{total === 1 ? '' : 's'}
        </span>
        <button type="button" className="button" disabled={view.page <= 1} onClick={() => setView({ ...view, page: view.page - 1 })}>
          Previous
        </button>
        <span>
          Page {Math.min(view.page, pages)} of {pages}
        </span>
        <button type="button" className="button" disabled={view.page >= pages} onClick={() => setView({ ...view, page: view.page + 1 })}>
          Next
        </button>
        <select className="input" aria-label="Hosts per page" value={view.pageSize} onChange={(e) => setView({ ...view, page: 1, pageSize: Number(e.target.value) })}>
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s} per page
            </option>
          ))}
        </select>
      </nav>
      {dialog === 'enroll' ? <EnrollDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'import' ? <ImportDialog onClose={() => setDialog(null)} /> : null}
      {actionDialog}
    </>
  );
}
