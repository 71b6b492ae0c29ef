// Server-side admin check with a short per-account memory. Confluence is asked
// as the user, so a revoked admin loses access within ADMIN_CACHE_TTL_MS. The
// cache is keyed by site as well as account: a warm Forge process can serve
// several installations.

import type { Clock } from '../core/ports';
import type { ConfluencePort } from './deps';

export const ADMIN_CACHE_TTL_MS = 60_000;
export const ADMIN_CACHE_MAX_ENTRIES = 500;

interface Entry {
  isAdmin: boolean;
  expiresAt: number;
}

export class AdminCheck {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ttlMs = ADMIN_CACHE_TTL_MS, private readonly maxEntries = ADMIN_CACHE_MAX_ENTRIES) {}

  async isAdmin(siteId: string, accountId: string, confluence: ConfluencePort, clock: Clock): Promise<boolean> {
    const key = `${siteId}\u0000${accountId}`;
    const now = clock.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.isAdmin;

    const isAdmin = await confluence.isAdmin(accountId);
    this.remember(key, { isAdmin, expiresAt: now + this.ttlMs });
    return isAdmin;
  }

  // Map keeps insertion order, so deleting the first keys drops the oldest entries.
  private remember(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
