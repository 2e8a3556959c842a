import { type MouseEvent, useMemo, useRef, useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { StatusBadge } from '../../components/status-badge';
import { formatLabels, STATUS_TONE } from '../fleet/describe-host';
import { FleetFilters } from '../fleet/fleet-filters';
import { type FleetView, listQuery, PAGE_SIZES, viewFromParams } from '../fleet/fleet-query';
import '../fleet/fleet.css';
import { EMPTY_SELECTION, type Selection, toggle, togglePage } from '../fleet/host-selection';
import { type HostSummary, useHostPage, useLiveHosts } from '../fleet/use-hosts';
import { unpushableReason } from './describe-push';
import { FormError } from './form-field';
import { formErrors } from './form-errors';

// The push takes host ids (up to 1,000): the picker shows the largest page the host list serves.
const PICKER_VIEW: FleetView = { ...viewFromParams(new URLSearchParams()), pageSize: PAGE_SIZES[PAGE_SIZES.length - 1] as number };

interface PushHostPickerProps {
  selection: Selection;
  onChange: (selection: Selection) => void;
}

/**
 * Chooses hosts with the Fleet page's filters (search, label, group, image...) and checkboxes. Hosts
 * the server would refuse (not enrolled, changed host key) are shown but cannot be ticked.
 */
export function PushHostPicker({ selection, onChange }: PushHostPickerProps) {
  useLiveHosts();
  const [view, setView] = useState(PICKER_VIEW);
  const page = useHostPage(listQuery(view));
  const searchRef = useRef<HTMLInputElement>(null);
  const hosts = useMemo(() => page.data?.items ?? [], [page.data]);
  const eligible = useMemo(() => hosts.filter((h) => unpushableReason(h) === null).map((h) => h.id), [hosts]);
  const total = page.data?.total ?? 0;
  const pageSelected = eligible.length > 0 && eligible.every((id) => selection.ids.has(id));

  const columns: DataTableColumn<HostSummary>[] = [
    {
      id: 'pick',
      header: '',
      width: '32px',
      cell: (h) => (
        <input
          type="checkbox"
          aria-label={`Select ${h.name}`}
          disabled={unpushableReason(h) !== null}
          checked={selection.ids.has(h.id)}
          onClick={(e: MouseEvent<HTMLInputElement>) => onChange(toggle(selection, eligible, h.id, e.shiftKey))}
          onChange={() => undefined}
        />
      ),
    },
    { id: 'name', header: 'Name', width: '18%', cell: (h) => <span className="mono">{h.name}</span> },
    { id: 'labels', header: 'Labels', width: '20%', cell: (h) => formatLabels(h.labels) || <span className="muted">—</span> },
    { id: 'group', header: 'Group', width: '12%', cell: (h) => h.group ?? <span className="muted">—</span> },
    { id: 'image', header: 'Booted image', cell: (h) => <span className="mono">{h.booted?.image ?? '—'}</span> },
    {
      id: 'status',
      header: 'Status',
      width: '22%',
      cell: (h) => {
        const reason = unpushableReason(h);
        return reason ? <span className="muted">{reason}</span> : <StatusBadge tone={STATUS_TONE[h.status]}>{h.status}</StatusBadge>;
      },
    },
  ];

  return (
    <div className="push-host-picker">
      <FleetFilters
        view={view}
        onChange={(next) => {
          // As on the Fleet page: other filters are other rows, and the ticks start over.
          setView(next);
          onChange(EMPTY_SELECTION);
        }}
        searchRef={searchRef}
      />
      <div className="form-actions form-actions--start">
        <button type="button" className="button" disabled={eligible.length === 0} onClick={() => onChange(togglePage(selection, eligible))}>
          {pageSelected ? 'Clear the ticks' : `Select all ${eligible.length} shown`}
        </button>
        <span className="muted" data-testid="picker-count">
          {selection.ids.size} selected · {total > hosts.length ? `first ${hosts.length} of ${total} matching: narrow the filters for the rest` : `${total} matching`}
        </span>
      </div>
      <FormError message={page.error ? formErrors(page.error).form : null} />
      <DataTable label="Hosts to push to" columns={columns} rows={hosts} rowKey={(h) => h.id} loading={page.isPending} empty={<p className="muted">No host matches these filters.</p>} />
    </div>
  );
}
