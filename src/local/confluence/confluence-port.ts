// The resolvers' Confluence port, implemented on the local site's users and
// pages instead of Confluence's REST API. Forge queries Confluence as the calling
// user, so a page with a view restriction is invisible to everyone else here too.

import type { ConfluencePort, PageInfo } from '../../resolvers/deps';
import { canView, type PageStore } from './page-store';
import { spaceByKey } from './site';
import { findUser } from './users';

export function createLocalConfluencePort(pages: PageStore, accountId: string | undefined): ConfluencePort {
  return {
    async isAdmin(candidate: string): Promise<boolean> {
      // Confluence reports on the calling user only, so asking about someone else is a bug.
      if (candidate !== accountId) return false;
      return findUser(candidate)?.isAdmin ?? false;
    },

    async getPage(pageId: string, contentType?: string): Promise<PageInfo | undefined> {
      if (contentType !== undefined && contentType !== 'page') return undefined;
      if (!findUser(accountId)) return undefined;

      const page = pages.get(pageId);
      if (!page || !canView(page, accountId)) return undefined;
      const space = spaceByKey(page.spaceKey);
      if (!space) return undefined;
      return { id: page.id, title: page.title, spaceId: space.id, spaceKey: space.key };
    },
  };
}
