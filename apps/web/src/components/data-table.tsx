import type { ReactNode } from 'react';

export interface DataTableColumn<Row> {
  id: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** CSS width, e.g. '12ch' or '20%'. */
  width?: string;
  align?: 'start' | 'end';
}

interface DataTableProps<Row> {
  /** Names the table for screen readers. */
  label: string;
  columns: readonly DataTableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  loading?: boolean;
  /** Shown in the table body when there are no rows and nothing is loading. */
  empty: ReactNode;
}

const SKELETON_ROWS = 8;

/** A dense table with a sticky header. Paging, sorting and selection are added by the pages that need them. */
export function DataTable<Row>({ label, columns, rows, rowKey, loading = false, empty }: DataTableProps<Row>) {
  return (
    <div className="data-table">
      <table aria-label={label} aria-busy={loading}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col" className={c.align === 'end' ? 'align-end' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {loading
            ? Array.from({ length: SKELETON_ROWS }, (_, i) => (
                <tr key={i} className="data-table__skeleton" aria-hidden="true">
                  {columns.map((c) => (
                    <td key={c.id}>
                      <span />
                    </td>
                  ))}
                </tr>
              ))
            : rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <td key={c.id} className={c.align === 'end' ? 'align-end' : undefined}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
          {!loading && rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="data-table__empty">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
