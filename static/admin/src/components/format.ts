// Small display helpers shared by lists and editors.

/** "3 minutes ago", "2 days ago", or the date for anything older than a month. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;

  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  const units: [number, Intl.RelativeTimeFormatUnit][] = [
    [60, 'second'],
    [60, 'minute'],
    [24, 'hour'],
    [30, 'day'],
  ];
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  let value = seconds;
  for (const [size, unit] of units) {
    if (Math.abs(value) < size) return format.format(-value, unit);
    value = Math.round(value / size);
  }
  return then.toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} bytes`;
}

/** JSON for display; values JSON cannot show (undefined) become a note. */
export function prettyJson(value: unknown): string {
  if (value === undefined) return '(no value)';
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/** Milliseconds for display: whole numbers from 10 ms up, one decimal below. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  return `${ms >= 10 ? Math.round(ms) : Math.round(ms * 10) / 10} ms`;
}
