// Server-side permission lookups (admin rights, page visibility) with a short
// per-account memory. Confluence is asked as the user, so a revoked right
// stops working within the TTL.

import type { Clock } from '../core/ports';
import type { ConfluencePort, PageInfo } from './deps';
import { TtlCache, cacheKey } from './ttl-cache';

export const ADMIN_CACHE_TTL_MS = 60_000;
export const PAGE_CACHE_TTL_MS = 30_000;
export const PERMISSION_CACHE_MAX_ENTRIES = 500;

export class AdminCheck {
  private readonly admins = new TtlCache<boolean>(ADMIN_CACHE_TTL_MS, PERMISSION_CACHE_MAX_ENTRIES);
  private readonly pages = new TtlCache<PageInfo | undefined>(PAGE_CACHE_TTL_MS, PERMISSION_CACHE_MAX_ENTRIES);

  isAdmin(siteId: string, accountId: string, confluence: ConfluencePort, clock: Clock): Promise<boolean> {
    return this.admins.get(cacheKey(siteId, accountId), clock, () => confluence.isAdmin(accountId));
  }

  /** Looks up the page as the account may view it; a not-visible result (undefined) is cached too. */
  page(siteId: string, accountId: string | undefined, pageId: string, contentType: string | undefined, confluence: ConfluencePort, clock: Clock): Promise<PageInfo | undefined> {
    return this.pages.get(cacheKey(siteId, accountId, pageId, contentType), clock, () => confluence.getPage(pageId, contentType));
  }
}
