/** @jsxImportSource preact */

/** Placeholder bars in the shape of a table while the first result loads. */
export function Skeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div class="pq-skeleton" role="status" aria-busy="true" aria-label="Loading data">
      <div class="pq-skeleton-bar pq-skeleton-header" />
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} class="pq-skeleton-bar" style={{ width: `${92 - (index % 3) * 12}%` }} />
      ))}
    </div>
  );
}
