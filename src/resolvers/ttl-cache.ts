// A small time-bounded cache for per-account permission results. Entries are
// keyed by site as well as account, because a warm Forge process can serve
// several installations. Concurrent lookups of one key share a single call.

import type { Clock } from '../core/ports';

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly pending = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  async get(key: string, clock: Clock, load: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > clock.now()) return cached.value;

    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;

    const loading = load().then((value) => {
      this.remember(key, { value, expiresAt: clock.now() + this.ttlMs });
      return value;
    });
    this.pending.set(key, loading);
    try {
      return await loading;
    } finally {
      this.pending.delete(key);
    }
  }

  // Map keeps insertion order, so deleting the first keys drops the oldest entries.
  private remember(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

export function cacheKey(...parts: (string | undefined)[]): string {
  return parts.map((part) => part ?? '').join('\u0000');
}
