// createForgeHandler: the @forge/resolver event shape, and which parts of the
// context it trusts.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { MemorySecretStore, MemoryStore } from '../../src/core/store/memory-store';
import { createForgeConfluence } from '../../src/platform/forge/confluence';
import { siteIdFrom } from '../../src/platform/forge/deps';
import { AdminCheck } from '../../src/resolvers/admin-check';
import type { TrustedContext } from '../../src/resolvers/deps';
import { createForgeHandler, toResolverRequest } from '../../src/resolvers/handler';
import { ForgeEmulator } from '../support/forge-emulator';

describe('createForgeHandler', () => {
  let emulator: ForgeEmulator;
  let seen: TrustedContext[];
  let handler: ReturnType<typeof createForgeHandler>;

  beforeEach(() => {
    emulator = new ForgeEmulator().install();
    emulator.admins.add('admin-1');
    seen = [];
    const store = new MemoryStore();
    const secrets = new MemorySecretStore();
    handler = createForgeHandler(
      (trusted) => {
        seen.push(trusted);
        const siteId = siteIdFrom(trusted.installContext);
        return {
          store,
          secrets,
          fetch: async () => {
            throw new Error('no outbound calls in this test');
          },
          clock: { now: () => Date.now() },
          logger: { info() {}, warn() {}, error() {} },
          network: { privateHostsAllowed: [] },
          confluence: createForgeConfluence(siteId),
          converterRuntime: async () => {
            throw new Error('not used');
          },
          siteId,
        };
      },
      { adminCheck: new AdminCheck() },
    );
  });
  afterEach(() => emulator.uninstall());

  it('takes the account from the principal, not the browser', async () => {
    emulator.currentAccountId = 'viewer-1';
    const response = await handler(
      { call: { functionKey: 'datasources/list', payload: {} }, context: { accountId: 'admin-1', installContext: 'ari:cloud:confluence::site/forged' } },
      { principal: { accountId: 'viewer-1' }, installContext: 'ari:cloud:confluence::site/real' },
    );
    expect(response).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(seen).toEqual([{ accountId: 'viewer-1', accountType: undefined, license: undefined, installContext: 'ari:cloud:confluence::site/real' }]);
  });

  it('answers an admin with data', async () => {
    emulator.currentAccountId = 'admin-1';
    const response = await handler(
      { call: { functionKey: 'datasources/list', payload: {} }, context: { accountType: 'licensed' } },
      { principal: { accountId: 'admin-1' }, installContext: 'ari:cloud:confluence::site/real' },
    );
    expect(response).toEqual({ ok: true, data: { items: [] } });
  });

  it('rejects an unknown key', async () => {
    await expect(handler({ call: { functionKey: 'datasources/drop', payload: {} }, context: {} }, {})).rejects.toThrow(
      "Resolver has no definition for 'datasources/drop'.",
    );
  });

  it('derives the site id from installContext', () => {
    expect(siteIdFrom('ari:cloud:confluence::site/0f3c-77')).toBe('0f3c-77');
    expect(siteIdFrom(undefined)).toBe('unknown-site');
  });
});

describe('toResolverRequest', () => {
  it('splits trusted fields from hints', () => {
    const request = toResolverRequest({
      payload: { a: 1 },
      context: {
        accountId: 'acc',
        accountType: 'licensed',
        installContext: 'ari:cloud:confluence::site/s',
        license: { isActive: true },
        locale: 'ko-KR',
        timezone: 'Asia/Seoul',
        extension: { content: { id: 65538, type: 'page' }, space: { key: 'ENG' }, config: { queryId: 'q' } },
      },
    });
    expect(request).toEqual({
      payload: { a: 1 },
      context: {
        trusted: { accountId: 'acc', accountType: 'licensed', installContext: 'ari:cloud:confluence::site/s', license: { isActive: true } },
        hints: { pageId: '65538', contentType: 'page', spaceKey: 'ENG', locale: 'ko-KR', timeZone: 'Asia/Seoul' },
      },
    });
  });

  it('ignores hints of the wrong type', () => {
    const request = toResolverRequest({ payload: undefined, context: { extension: { content: { id: { nested: true } }, space: 'ENG' }, locale: 42 } });
    expect(request.context.hints).toEqual({ pageId: undefined, contentType: undefined, spaceKey: undefined, locale: '42', timeZone: undefined });
  });
});

describe('ForgeConfluence', () => {
  let emulator: ForgeEmulator;

  beforeEach(() => {
    emulator = new ForgeEmulator().install();
    emulator.addPage({ id: '500', title: 'Release notes', spaceId: '9', type: 'blogpost' }, 'REL');
    emulator.currentAccountId = 'someone';
  });
  afterEach(() => emulator.uninstall());

  it('finds a blog post and its space', async () => {
    const page = await createForgeConfluence('site').getPage('500', 'blogpost');
    expect(page).toEqual({ id: '500', title: 'Release notes', spaceId: '9', spaceKey: 'REL' });
  });

  it('tries the draft of a missing page', async () => {
    expect(await createForgeConfluence('site').getPage('501', 'page')).toBeUndefined();
    expect(emulator.confluenceCalls.map((call) => call.path)).toEqual(['/wiki/api/v2/pages/501', '/wiki/api/v2/pages/501?get-draft=true']);
  });

  it('never calls Confluence for a non-numeric id', async () => {
    expect(await createForgeConfluence('site').getPage('1/../../admin')).toBeUndefined();
    expect(emulator.confluenceCalls).toEqual([]);
  });

  it('reports a Confluence failure as an error', async () => {
    emulator.confluenceFailureStatus = 503;
    await expect(createForgeConfluence('site').isAdmin('someone')).rejects.toThrow('Confluence user/current failed with HTTP 503');
  });

  it('denies admin when the user differs', async () => {
    emulator.admins.add('someone');
    expect(await createForgeConfluence('site').isAdmin('someone-else')).toBe(false);
    expect(await createForgeConfluence('site').isAdmin('someone')).toBe(true);
  });
});
