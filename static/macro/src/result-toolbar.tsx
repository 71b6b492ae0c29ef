/** @jsxImportSource preact */
// Refresh button and the age of cached data. The button calls `macro/refresh`,
// which skips the cache and stores the fresh result for everyone.

import type { RunResult } from '../../../src/contract/run';

interface ResultToolbarProps {
  result: RunResult;
  isBusy: boolean;
  onRefresh: () => void;
}

export function ResultToolbar({ result, isBusy, onRefresh }: ResultToolbarProps) {
  const storedAt = result.cache.hit && result.cache.storedAt ? new Date(result.cache.storedAt) : undefined;
  const hasStoredAt = storedAt !== undefined && !Number.isNaN(storedAt.getTime());

  return (
    <div class="pq-toolbar">
      <span class="pq-last-updated" data-cache-hit={String(result.cache.hit)}>
        {hasStoredAt && (
          <>
            Last updated <time dateTime={storedAt.toISOString()} title={storedAt.toLocaleString()}>{formatAge(storedAt, new Date())}</time>
          </>
        )}
      </span>
      <button type="button" class="pq-button pq-button-subtle pq-refresh" onClick={onRefresh} disabled={isBusy} aria-label="Refresh data" title="Load fresh data, skipping the cache">
        <span aria-hidden="true" class={isBusy ? 'pq-refresh-icon pq-spinning' : 'pq-refresh-icon'}>
          ↻
        </span>
        {isBusy ? 'Refreshing…' : 'Refresh'}
      </button>
    </div>
  );
}

const relativeTime = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** Formats the age of cached data as "5 minutes ago", falling back to a date after a week. */
export function formatAge(storedAt: Date, now: Date): string {
  const seconds = Math.round((storedAt.getTime() - now.getTime()) / 1000);
  const elapsed = Math.abs(seconds);

  if (elapsed < 45) return 'just now';
  if (elapsed < 45 * 60) return relativeTime.format(Math.round(seconds / 60), 'minute');
  if (elapsed < 22 * 3600) return relativeTime.format(Math.round(seconds / 3600), 'hour');
  if (elapsed < 7 * 86400) return relativeTime.format(Math.round(seconds / 86400), 'day');
  return storedAt.toLocaleDateString();
}
