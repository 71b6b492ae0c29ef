/** @jsxImportSource preact */

export const PAGE_SIZES = [25, 50, 100, 250] as const;

interface PagerProps {
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  start: number;
  end: number;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
}

export function Pager({ page, pageCount, pageSize, total, start, end, onPage, onPageSize }: PagerProps) {
  const isFirst = page === 0;
  const isLast = page >= pageCount - 1;

  return (
    <nav class="pq-pager" aria-label="Table pages">
      <label class="pq-pager-size">
        <span>Rows per page</span>
        <select value={pageSize} onChange={(event) => onPageSize(Number(event.currentTarget.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <span class="pq-pager-range" aria-live="polite">
        {(start + 1).toLocaleString()}–{end.toLocaleString()} of {total.toLocaleString()}
      </span>
      <span class="pq-pager-buttons">
        <button type="button" class="pq-button pq-button-subtle" disabled={isFirst} onClick={() => onPage(0)} aria-label="First page">
          «
        </button>
        <button type="button" class="pq-button pq-button-subtle" disabled={isFirst} onClick={() => onPage(page - 1)} aria-label="Previous page">
          ‹
        </button>
        <span class="pq-pager-page">
          Page {page + 1} of {pageCount.toLocaleString()}
        </span>
        <button type="button" class="pq-button pq-button-subtle" disabled={isLast} onClick={() => onPage(page + 1)} aria-label="Next page">
          ›
        </button>
        <button type="button" class="pq-button pq-button-subtle" disabled={isLast} onClick={() => onPage(pageCount - 1)} aria-label="Last page">
          »
        </button>
      </span>
    </nav>
  );
}
