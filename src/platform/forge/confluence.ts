// Confluence calls as the invoking user (asUser().requestConfluence), so
// Confluence applies that user's permissions: a page the user cannot see is
// "not found", and the admin check reflects the user's own rights.

import { asUser, route } from '@forge/api';

import type { ConfluencePort, PageInfo } from '../../resolvers/deps';

/** Space keys change rarely; caching them saves one call per macro run. */
const SPACE_KEY_TTL_MS = 5 * 60_000;
const SPACE_KEY_MAX_ENTRIES = 1000;

interface CurrentUser {
  accountId?: string;
  operations?: { operation?: string; targetType?: string }[];
}

interface ContentResponse {
  id?: string;
  title?: string;
  spaceId?: string | number;
}

export class ConfluenceRequestError extends Error {
  constructor(readonly operation: string, readonly status: number) {
    super(`Confluence ${operation} failed with HTTP ${status}`);
    this.name = 'ConfluenceRequestError';
  }
}

const spaceKeys = new Map<string, { key: string; expiresAt: number }>();

export function createForgeConfluence(siteId: string, now: () => number = Date.now): ConfluencePort {
  return {
    async isAdmin(accountId) {
      const response = await asUser().requestConfluence(route`/wiki/rest/api/user/current?expand=operations`, {
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) throw new ConfluenceRequestError('user/current', response.status);

      const user = (await response.json()) as CurrentUser;
      // The platform signs the call as the invocation's user; comparing ids
      // guards against a misrouted call ever granting someone else's rights.
      if (user.accountId !== accountId) return false;
      return (user.operations ?? []).some((op) => op.operation === 'administer' && op.targetType === 'application');
    },

    async getPage(pageId, contentType) {
      // Confluence content ids are numeric; anything else cannot be a page.
      if (!/^\d{1,20}$/.test(pageId)) return undefined;

      const content = await fetchContent(pageId, contentType === 'blogpost' ? 'blogposts' : 'pages');
      if (!content?.spaceId) return undefined;

      const spaceId = String(content.spaceId);
      if (!/^\d{1,20}$/.test(spaceId)) return undefined;
      const spaceKey = await lookupSpaceKey(siteId, spaceId, now);
      if (!spaceKey) return undefined;
      return { id: pageId, title: content.title ?? '', spaceId, spaceKey } satisfies PageInfo;
    },
  };
}

async function fetchContent(pageId: string, collection: 'pages' | 'blogposts'): Promise<ContentResponse | undefined> {
  const published =
    collection === 'pages'
      ? await asUser().requestConfluence(route`/wiki/api/v2/pages/${pageId}`, { headers: { Accept: 'application/json' } })
      : await asUser().requestConfluence(route`/wiki/api/v2/blogposts/${pageId}`, { headers: { Accept: 'application/json' } });
  if (published.ok) return (await published.json()) as ContentResponse;
  if (!isNotVisible(published.status)) throw new ConfluenceRequestError(collection, published.status);

  // A macro inserted into a page that was never published sits on a draft.
  const draft =
    collection === 'pages'
      ? await asUser().requestConfluence(route`/wiki/api/v2/pages/${pageId}?get-draft=${'true'}`, { headers: { Accept: 'application/json' } })
      : await asUser().requestConfluence(route`/wiki/api/v2/blogposts/${pageId}?get-draft=${'true'}`, { headers: { Accept: 'application/json' } });
  if (draft.ok) return (await draft.json()) as ContentResponse;
  if (isNotVisible(draft.status) || draft.status === 400) return undefined;
  throw new ConfluenceRequestError(collection, draft.status);
}

async function lookupSpaceKey(siteId: string, spaceId: string, now: () => number): Promise<string | undefined> {
  const cacheKey = `${siteId}\u0000${spaceId}`;
  const cached = spaceKeys.get(cacheKey);
  if (cached && cached.expiresAt > now()) return cached.key;

  const response = await asUser().requestConfluence(route`/wiki/api/v2/spaces/${spaceId}`, { headers: { Accept: 'application/json' } });
  if (isNotVisible(response.status)) return undefined;
  if (!response.ok) throw new ConfluenceRequestError('spaces', response.status);

  const { key } = (await response.json()) as { key?: string };
  if (!key) return undefined;
  spaceKeys.set(cacheKey, { key, expiresAt: now() + SPACE_KEY_TTL_MS });
  if (spaceKeys.size > SPACE_KEY_MAX_ENTRIES) {
    const oldest = spaceKeys.keys().next().value;
    if (oldest !== undefined) spaceKeys.delete(oldest);
  }
  return key;
}

/** 401 (no user, e.g. an anonymous viewer), 403 and 404 all mean the caller cannot see it. */
function isNotVisible(status: number): boolean {
  return status === 401 || status === 403 || status === 404;
}
