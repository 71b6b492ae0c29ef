// The few Confluence REST endpoints the app's front ends call through
// requestConfluence(): the current user with operations, a page, a space.
// Response shapes follow Confluence Cloud's REST API v1 and v2.

import { canView, type LocalPage, type PageStore } from './page-store';
import { LOCAL_SPACES, spaceById, spaceByKey, type LocalSpace } from './site';
import type { LocalUser } from './users';

export interface ProductResponse {
  status: number;
  body: unknown;
}

export function answerConfluenceRequest(method: string, path: string, user: LocalUser, pages: PageStore): ProductResponse {
  const url = new URL(path, 'http://confluence.local');
  const route = url.pathname.replace(/\/+$/, '');

  if (method !== 'GET') return notFound(`The local host answers only GET requests to Confluence, not ${method} ${route}.`);

  if (route === '/wiki/rest/api/user/current') return { status: 200, body: currentUser(user, url.searchParams.get('expand') ?? '') };

  // Confluence returns 404, not 403, for a page the user may not view.
  const visiblePage = (id: string): LocalPage | undefined => {
    const page = pages.get(id);
    return page && canView(page, user.accountId) ? page : undefined;
  };

  let match = /^\/wiki\/api\/v2\/pages\/(\d+)$/.exec(route);
  if (match?.[1]) {
    const page = visiblePage(match[1]);
    const space = page && spaceByKey(page.spaceKey);
    if (!page || !space) return notFound(`No page with id ${match[1]}.`);
    return {
      status: 200,
      body: { id: page.id, status: 'current', title: page.title, spaceId: space.id, version: { number: page.version } },
    };
  }

  match = /^\/wiki\/rest\/api\/content\/(\d+)$/.exec(route);
  if (match?.[1]) {
    const page = visiblePage(match[1]);
    const space = page && spaceByKey(page.spaceKey);
    if (!page || !space) return notFound(`No content with id ${match[1]}.`);
    return {
      status: 200,
      body: { id: page.id, type: 'page', status: 'current', title: page.title, space: spaceV1(space), version: { number: page.version } },
    };
  }

  match = /^\/wiki\/api\/v2\/spaces\/(\d+)$/.exec(route);
  if (match?.[1]) {
    const space = spaceById(match[1]);
    if (!space) return notFound(`No space with id ${match[1]}.`);
    return { status: 200, body: spaceV2(space) };
  }

  if (route === '/wiki/api/v2/spaces') {
    const keys = (url.searchParams.get('keys') ?? '').split(',').filter(Boolean);
    const results = LOCAL_SPACES.filter((space) => keys.length === 0 || keys.includes(space.key)).map(spaceV2);
    return { status: 200, body: { results, _links: {} } };
  }

  match = /^\/wiki\/rest\/api\/space\/([^/]+)$/.exec(route);
  if (match?.[1]) {
    const space = spaceByKey(match[1]);
    if (!space) return notFound(`No space with key ${match[1]}.`);
    return { status: 200, body: spaceV1(space) };
  }

  return notFound(`The local host does not emulate ${method} ${route}.`);
}

function currentUser(user: LocalUser, expand: string): unknown {
  const body: Record<string, unknown> = {
    type: 'known',
    accountId: user.accountId,
    accountType: 'atlassian',
    email: user.email,
    publicName: user.displayName,
    displayName: user.displayName,
  };
  if (expand.split(',').includes('operations')) {
    const operations = [
      { operation: 'use', targetType: 'application' },
      { operation: 'create', targetType: 'page' },
    ];
    if (user.isAdmin) operations.push({ operation: 'administer', targetType: 'application' });
    body.operations = operations;
  }
  return body;
}

function spaceV1(space: LocalSpace): unknown {
  return { id: Number(space.id), key: space.key, name: space.name, type: 'global', status: 'current' };
}

function spaceV2(space: LocalSpace): unknown {
  return { id: space.id, key: space.key, name: space.name, type: 'global', status: 'current' };
}

function notFound(message: string): ProductResponse {
  return { status: 404, body: { statusCode: 404, message } };
}
