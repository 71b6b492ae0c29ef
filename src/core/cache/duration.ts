// Cache durations as admins write them: `0` (no caching) or a whole number
// with a unit, `30s`, `15m`, `12h`, `3d`.

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Thirty days: longer lets data go stale past the point anyone would expect. */
export const MAX_CACHE_SECONDS = 30 * 86_400;

/** Parses a cache duration into seconds, or returns undefined when the text is not one. */
export function parseCacheDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;

  const match = /^([1-9]\d{0,6})([smhd])$/.exec(trimmed);
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  return seconds <= MAX_CACHE_SECONDS ? seconds : undefined;
}

export function describeCacheDurationRule(): string {
  return 'Use 0 for no caching, or a whole number with s, m, h or d, such as 30s, 15m, 12h or 3d (at most 30d).';
}
