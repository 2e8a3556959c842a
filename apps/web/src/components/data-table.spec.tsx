import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DataTable, type DataTableColumn } from './data-table';

interface Row {
  id: string;
  name: string;
  count: number;
}

const columns: DataTableColumn<Row>[] = [
  { id: 'name', header: 'Name', cell: (r) => r.name },
  { id: 'count', header: 'Count', cell: (r) => r.count, align: 'end' },
];

describe('DataTable', () => {
  it('renders a row per item under the column headers', () => {
    render(<DataTable label="Things" columns={columns} rows={[{ id: 'a', name: 'alpha', count: 3 }, { id: 'b', name: 'beta', count: 5 }]} rowKey={(r) => r.id} empty="none" />);
    const table = screen.getByRole('table', { name: 'Things' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Name', 'Count']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['alpha', '3'],
      ['beta', '5'],
    ]);
  });

  it('shows the empty content when there are no rows', () => {
    render(<DataTable label="Things" columns={columns} rows={[]} rowKey={(r) => r.id} empty="Nothing here" />);
    expect(screen.getByRole('cell', { name: 'Nothing here' })).toBeTruthy();
  });

  it('shows placeholder rows, not the empty content, while loading', () => {
    render(<DataTable label="Things" columns={columns} rows={[]} rowKey={(r) => r.id} loading empty="Nothing here" />);
    expect(screen.queryByText('Nothing here')).toBeNull();
    expect(screen.getByRole('table', { name: 'Things' }).getAttribute('aria-busy')).toBe('true');
  });
});
