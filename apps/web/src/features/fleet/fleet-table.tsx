import type { MouseEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/status-badge';
import { ATTENTION_TEXT, formatLabels, relativeTime, shortDigest, STATUS_TONE } from './describe-host';
import type { FleetView, HostSort } from './fleet-query';
import type { Selection } from './host-selection';
import type { HostSummary } from './use-hosts';

interface Column {
  id: string;
  header: string;
  width: string;
  sort?: HostSort;
  cell: (host: HostSummary, now: Date) => ReactNode;
}

const COLUMNS: readonly Column[] = [
  {
    id: 'name',
    header: 'Name',
    width: '13%',
    sort: 'name',
    cell: (h) => (
      <Link to={`/hosts/${h.id}`} className="mono">
        {h.name}
      </Link>
    ),
  },
  { id: 'address', header: 'Address', width: '11%', sort: 'address', cell: (h) => <span className="mono">{h.port === 22 ? h.address : `${h.address}:${h.port}`}</span> },
  { id: 'labels', header: 'Labels', width: '11%', cell: (h) => <span title={formatLabels(h.labels)}>{formatLabels(h.labels) || <span className="muted">—</span>}</span> },
  {
    id: 'booted',
    header: 'Booted',
    width: '14%',
    sort: 'bootedVersion',
    cell: (h) =>
      h.booted ? (
        <span title={h.booted.digest ?? undefined}>
          <strong>{h.booted.version ?? '—'}</strong> <span className="mono muted">{shortDigest(h.booted.digest)}</span>
        </span>
      ) : (
        <span className="muted">unknown</span>
      ),
  },
  {
    id: 'staged',
    header: 'Staged',
    width: '9%',
    cell: (h) => (h.staged ? <span title={h.staged.digest ?? undefined}>{h.staged.version ?? shortDigest(h.staged.digest)}{h.staged.downloadOnly ? ' (download only)' : ''}</span> : <span className="muted">—</span>),
  },
  { id: 'rollback', header: 'Rollback', width: '6%', cell: (h) => (h.rollback ? <span title={`${h.rollback.version ?? ''} ${h.rollback.digest ?? ''}`}>yes</span> : <span className="muted">no</span>) },
  {
    id: 'update',
    header: 'Update',
    width: '8%',
    sort: 'updateAvailable',
    cell: (h) => (h.updateAvailable ? <StatusBadge tone="info">available</StatusBadge> : <span className="muted">—</span>),
  },
  {
    id: 'timer',
    header: 'Timer',
    width: '6%',
    cell: (h) => <span className={h.timerState === 'masked' ? 'muted' : 'text-warning'} title="bootc-fetch-apply-updates.timer">{h.timerState ?? '—'}</span>,
  },
  { id: 'seen', header: 'Last seen', width: '8%', sort: 'lastSeenAt', cell: (h, now) => <span title={h.lastSeenAt ?? undefined}>{relativeTime(h.lastSeenAt, now)}</span> },
  {
    id: 'status',
    header: 'Status',
    width: '14%',
    sort: 'status',
    cell: (h) => (
      <span className="fleet-status">
        <StatusBadge tone={STATUS_TONE[h.status]}>{h.status}</StatusBadge>
        {h.status !== 'unreachable' && h.lastError ? (
          // One failed contact shows at once; the server calls a host unreachable only after several.
          <StatusBadge tone="warning" title={`${h.lastError.message} (${h.lastError.code}), ${h.consecutiveFailures} failed in a row`}>
            contact failed
          </StatusBadge>
        ) : null}
        {h.attention
          .filter((a) => a !== 'unreachable')
          .map((a) => (
            <span key={a} className={`attention attention--${ATTENTION_TEXT[a].tone}`} title={ATTENTION_TEXT[a].help} aria-label={ATTENTION_TEXT[a].label}>
              {ATTENTION_TEXT[a].label}
            </span>
          ))}
      </span>
    ),
  },
];

interface FleetTableProps {
  hosts: readonly HostSummary[];
  view: FleetView;
  loading: boolean;
  selection: Selection;
  cursor: number;
  now: Date;
  onSort: (sort: HostSort) => void;
  onToggle: (id: string, shift: boolean) => void;
  onTogglePage: () => void;
  onCursor: (index: number) => void;
  empty: ReactNode;
}

/** The dense host table: server-side sorting from the headers, checkboxes with shift-click ranges. */
export function FleetTable({ hosts, view, loading, selection, cursor, now, onSort, onToggle, onTogglePage, onCursor, empty }: FleetTableProps) {
  const pageSelected = hosts.length > 0 && hosts.every((h) => selection.ids.has(h.id));
  return (
    <div className="data-table fleet-table">
      <table aria-label="Hosts" aria-busy={loading}>
        <colgroup>
          <col style={{ width: '32px' }} />
          {COLUMNS.map((c) => (
            <col key={c.id} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col">
              <input type="checkbox" aria-label="Select every host on this page" checked={pageSelected} onChange={onTogglePage} />
            </th>
            {COLUMNS.map((c) => (
              <th key={c.id} scope="col" aria-sort={c.sort && view.sort === c.sort ? (view.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                {c.sort ? (
                  <button type="button" className="th-sort" onClick={() => onSort(c.sort as HostSort)}>
                    {c.header}
                    {view.sort === c.sort ? (view.order === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {hosts.map((h, i) => (
            <tr
              key={h.id}
              data-host={h.name}
              className={[selection.allMatching || selection.ids.has(h.id) ? 'is-selected' : '', i === cursor ? 'is-cursor' : ''].join(' ').trim() || undefined}
              onClick={() => onCursor(i)}
            >
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${h.name}`}
                  checked={selection.allMatching || selection.ids.has(h.id)}
                  onClick={(e: MouseEvent<HTMLInputElement>) => {
                    e.stopPropagation();
                    onToggle(h.id, e.shiftKey);
                  }}
                  onChange={() => undefined}
                />
              </td>
              {COLUMNS.map((c) => (
                <td key={c.id} data-column={c.id}>
                  {c.cell(h, now)}
                </td>
              ))}
            </tr>
          ))}
          {!loading && hosts.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length + 1} className="data-table__empty">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
