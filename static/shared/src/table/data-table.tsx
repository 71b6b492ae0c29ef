/** @jsxImportSource preact */
// The default table, rendered from structured rows. Only the current page is
// in the DOM, so a 10,000-row result costs the same to show as a 25-row one.

import { useMemo, useState } from 'preact/hooks';
import type { CellValue, TableData } from '../../../../src/contract/run';
import { sortRowIndices, type SortDirection } from './sort-rows';
import { Pager, PAGE_SIZES } from './pager';

interface SortState {
  column: number;
  direction: SortDirection;
}

export function DataTable({ table }: { table: TableData }) {
  if (table.layout === 'keyValue') return <KeyValueTable table={table} />;
  return <RowsTable table={table} />;
}

function RowsTable({ table }: { table: TableData }) {
  const [sort, setSort] = useState<SortState | null>(null);
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  const [page, setPage] = useState(0);

  const order = useMemo(() => {
    if (sort === null) return null;
    const column = table.columns[sort.column];
    if (column === undefined) return null;
    return sortRowIndices(table.rows, sort.column, column.type, sort.direction);
  }, [table, sort]);

  const total = table.rows.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const currentPage = Math.min(page, pageCount - 1);
  const start = currentPage * pageSize;
  const end = Math.min(total, start + pageSize);

  const visibleRows: (readonly CellValue[])[] = [];
  for (let position = start; position < end; position++) {
    const rowIndex = order === null ? position : order[position]!;
    visibleRows.push(table.rows[rowIndex]!);
  }

  const toggleSort = (column: number) => {
    // First click sorts ascending, the second descending, the third restores the source order.
    if (sort?.column !== column) setSort({ column, direction: 'ascending' });
    else if (sort.direction === 'ascending') setSort({ column, direction: 'descending' });
    else setSort(null);
    setPage(0);
  };

  return (
    <div class="pq-data-table" data-total-rows={total} data-page={currentPage + 1}>
      <div class="pq-table-scroll" tabIndex={0} role="region" aria-label="Table, scrolls horizontally">
        <table class="pq-grid">
          <thead>
            <tr>
              {table.columns.map((column, index) => (
                <th
                  key={column.key}
                  scope="col"
                  class={`pq-col-${column.type}`}
                  aria-sort={sort?.column === index ? sort.direction : 'none'}
                >
                  <button type="button" class="pq-sort-button" onClick={() => toggleSort(index)}>
                    <span>{column.label}</span>
                    <SortIcon direction={sort?.column === index ? sort.direction : undefined} />
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {visibleRows.map((row, rowNumber) => (
              <tr key={start + rowNumber}>
                {table.columns.map((column, index) => (
                  <td key={column.key} class={`pq-col-${column.type}`}>
                    {formatCell(row[index] ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > PAGE_SIZES[0] && (
        <Pager
          page={currentPage}
          pageCount={pageCount}
          pageSize={pageSize}
          total={total}
          start={start}
          end={end}
          onPage={setPage}
          onPageSize={(size) => {
            setPageSize(size);
            setPage(Math.floor(start / size));
          }}
        />
      )}
      {total <= PAGE_SIZES[0] && <div class="pq-table-count">{formatCount(total)}</div>}
    </div>
  );
}

function KeyValueTable({ table }: { table: TableData }) {
  return (
    <div class="pq-data-table" data-total-rows={table.rows.length}>
      <div class="pq-table-scroll">
        <table class="pq-grid pq-grid-key-value">
          <tbody>
            {table.rows.map((row, index) => (
              <tr key={index}>
                <th scope="row">{formatCell(row[0] ?? null)}</th>
                <td>{formatCell(row[1] ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function SortIcon({ direction }: { direction: SortDirection | undefined }) {
  let symbol = '↕';
  if (direction === 'ascending') symbol = '▲';
  if (direction === 'descending') symbol = '▼';

  return (
    <span class={direction === undefined ? 'pq-sort-icon pq-sort-idle' : 'pq-sort-icon'} aria-hidden="true">
      {symbol}
    </span>
  );
}

function formatCell(cell: CellValue): string {
  if (cell === null) return '';
  return String(cell);
}

function formatCount(total: number): string {
  return total === 1 ? '1 row' : `${total.toLocaleString()} rows`;
}
