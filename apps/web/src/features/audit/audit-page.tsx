import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { StatusBadge, type StatusTone } from '../../components/status-badge';
import { FormError } from '../registries/form-field';
import '../registries/forms.css';
import './audit.css';
import { AUDIT_FILTER_NAMES, AUDIT_PAGE_SIZE, AUDIT_RESULTS, type AuditEvent, type AuditResult, exportHref, filtersFromParams, useAuditEvents } from './use-audit';

const RESULT_TONE: Record<AuditResult, StatusTone> = { success: 'ok', failure: 'danger', denied: 'warning' };

const columns: DataTableColumn<AuditEvent>[] = [
  { id: 'at', header: 'When', width: '17ch', cell: (e) => <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> },
  { id: 'actor', header: 'Who', width: '18%', cell: (e) => (e.actorKind === 'token' ? `🔑 ${e.actor}` : e.actor) },
  { id: 'action', header: 'What', width: '18%', cell: (e) => <span className="mono">{e.action}</span> },
  { id: 'target', header: 'Target', cell: (e) => <span className="mono">{e.target ?? '—'}</span> },
  {
    id: 'result',
    header: 'Result',
    width: '16ch',
    cell: (e) => (
      <StatusBadge tone={RESULT_TONE[e.result]} title={e.errorCode ?? undefined}>
        {e.errorCode ? `${e.result}: ${e.errorCode}` : e.result}
      </StatusBadge>
    ),
  },
  { id: 'source', header: 'Source', width: '14ch', cell: (e) => <span className="mono">{e.source ?? '—'}</span> },
];

/** An instant as a datetime-local input shows it: the browser's local time, to the minute. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Filters live in the URL; the form edits a draft and applies it on submit. */
function FilterForm({ params, onApply }: { params: URLSearchParams; onApply: (next: URLSearchParams) => void }) {
  const [draft, setDraft] = useState(() =>
    Object.fromEntries(AUDIT_FILTER_NAMES.map((n) => [n, (n === 'from' || n === 'to' ? toLocalInput(params.get(n)) : params.get(n)) ?? ''])),
  );
  const set = (name: string) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: e.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(draft)) {
      if (!value) continue;
      // datetime-local inputs give local time without a zone; the API wants an instant.
      next.set(name, name === 'from' || name === 'to' ? new Date(value).toISOString() : value);
    }
    onApply(next);
  }

  return (
    <form className="audit-filters" onSubmit={submit} aria-label="Filter audit events">
      <input aria-label="Actor" placeholder="who" value={draft.actor} onChange={set('actor')} />
      <input aria-label="Action" placeholder="action (prefix)" value={draft.action} onChange={set('action')} />
      <input aria-label="Target" placeholder="target" value={draft.target} onChange={set('target')} />
      <select aria-label="Result" value={draft.result} onChange={set('result')}>
        <option value="">any result</option>
        {AUDIT_RESULTS.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <input aria-label="From" type="datetime-local" value={draft.from} onChange={set('from')} />
      <input aria-label="To" type="datetime-local" value={draft.to} onChange={set('to')} />
      <button type="submit" className="button">
        Filter
      </button>
    </form>
  );
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const events = useAuditEvents(filters, offset);
  const total = events.data?.total ?? 0;
  const filtered = Object.keys(filters).length > 0;

  const page = (nextOffset: number) => {
    const next = new URLSearchParams(params);
    if (nextOffset > 0) next.set('offset', String(nextOffset));
    else next.delete('offset');
    setParams(next);
  };

  return (
    <>
      <PageHeader
        title="Audit"
        description="Who changed what, and when: every change and every refused attempt, kept append-only."
        actions={
          <>
            <a className="button" href={exportHref(filters, 'csv')} download>
              Export CSV
            </a>
            <a className="button" href={exportHref(filters, 'json')} download>
              Export JSON
            </a>
          </>
        }
      />
      <FilterForm key={params.toString()} params={params} onApply={setParams} />
      <FormError message={events.isError ? events.error.message : null} />
      <DataTable
        label="Audit events"
        columns={columns}
        rows={events.data?.items ?? []}
        rowKey={(e) => e.id}
        loading={events.isPending}
        empty={
          filtered ? (
            'No event matches these filters.'
          ) : (
            <EmptyState title="No audit events yet">
              <p>Every change made through bootfleet (enrolments, rollouts, registries, windows, settings, sign-ins) is recorded here with its actor, target and result.</p>
            </EmptyState>
          )
        }
      />
      {total > 0 ? (
        <nav className="audit-paging" aria-label="Pages">
          <span>
            {offset + 1}–{Math.min(offset + AUDIT_PAGE_SIZE, total)} of {total}
          </span>
          <button type="button" className="button" disabled={offset === 0} onClick={() => page(Math.max(0, offset - AUDIT_PAGE_SIZE))}>
            Newer
          </button>
          <button type="button" className="button" disabled={offset + AUDIT_PAGE_SIZE >= total} onClick={() => page(offset + AUDIT_PAGE_SIZE)}>
            Older
          </button>
        </nav>
      ) : null}
    </>
  );
}
