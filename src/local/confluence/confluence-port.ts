// The resolvers' Confluence port, answered from the local site's users and
// pages instead of Confluence's REST API. Forge asks Confluence as the calling
// user; here every local user may see every page of the demo space.

import type { ConfluencePort, PageInfo } from '../../resolvers/deps';
import { DEMO_SPACE } from './site';
import type { PageStore } from './page-store';
import { findUser } from './users';

export function createLocalConfluencePort(pages: PageStore, accountId: string | undefined): ConfluencePort {
  return {
    async isAdmin(candidate: string): Promise<boolean> {
      // Confluence answers for the calling user only; asking about someone else is a bug.
      if (candidate !== accountId) return false;
      return findUser(candidate)?.isAdmin ?? false;
    },

    async getPage(pageId: string, contentType?: string): Promise<PageInfo | undefined> {
      if (contentType !== undefined && contentType !== 'page') return undefined;
      if (!findUser(accountId)) return undefined;

      const page = pages.get(pageId);
      if (!page) return undefined;
      return { id: page.id, title: page.title, spaceId: DEMO_SPACE.id, spaceKey: page.spaceKey };
    },
  };
}
