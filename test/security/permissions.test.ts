// Who may do what, through the real handler. Every admin key rejects a
// non-admin and an anonymous caller with FORBIDDEN and changes nothing. A
// context forged by the browser grants nothing. macro/run rejects a forged
// query id, a forged space and an override of a locked parameter.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isAdminKey, type ResolverKey } from '../../src/contract/resolvers';
import { createDefinitions } from '../../src/resolvers/definitions';
import { ADMIN, PAGES, SITE, VIEWER, createBench, type Bench } from './support/bench';
import { converterDraft, datasourceDraft, parameter, queryDraft, templateDraft } from './support/drafts';
import { startEchoServer, type EchoServer } from './support/echo-server';
import { expectError } from './support/expect-error';

const ALL_KEYS = Object.keys(createDefinitions(() => ({}) as never)) as ResolverKey[];
const ADMIN_KEYS = ALL_KEYS.filter((key) => isAdminKey(key));

/** Flattens store and secret store state for a before/after comparison. */
function snapshot(value: unknown, seen = new Set<unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[seen]';
  seen.add(value);
  if (value instanceof Map) return [...value.entries()].map(([key, entry]) => [key, snapshot(entry, seen)]);
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, snapshot(entry, seen)]));
}

describe('permissions', () => {
  let bench: Bench;
  let upstream: EchoServer;
  const ids = { datasource: '', query: '', restricted: '', converter: '', template: '' };
  let payloads: Partial<Record<ResolverKey, unknown>>;

  beforeAll(async () => {
    upstream = await startEchoServer();
    bench = await createBench({ privateHostsAllowed: [`127.0.0.1:${upstream.port}`] });
    ids.datasource = (await bench.admin('datasources/save', { draft: datasourceDraft(upstream.url, { name: 'Guarded API' }), secrets: { token: 'guarded-token' } })).id;
    ids.converter = (await bench.admin('converters/save', { draft: converterDraft('function convert(json) { return JSON.parse(json); }') })).id;
    ids.template = (await bench.admin('templates/save', { draft: templateDraft('<p>$result.size()</p>') })).id;
    ids.query = (
      await bench.admin('queries/save', {
        draft: queryDraft(ids.datasource, {
          url: '/items?project=:project&team=:team',
          parameters: [parameter('project', { default: 'ENG', viewerEditable: true }), parameter('team', { default: 'core' })],
        }),
      })
    ).id;
    ids.restricted = (await bench.admin('queries/save', { draft: queryDraft(ids.datasource, { name: 'Ops only', spaces: ['OPS'] }) })).id;

    // Payloads that would succeed (or change something) for an admin.
    payloads = {
      'datasources/get': { id: ids.datasource },
      'datasources/save': { draft: datasourceDraft(upstream.url, { name: 'Planted' }), secrets: { token: 'planted' } },
      'datasources/delete': { id: ids.datasource },
      'datasources/test': { id: ids.datasource },
      'queries/get': { id: ids.query },
      'queries/save': { draft: { ...queryDraft(ids.datasource, { name: 'Hijacked' }), id: ids.query }, baseVersion: 1 },
      'queries/delete': { id: ids.restricted },
      'queries/preview': { id: ids.query, parameters: {} },
      'converters/get': { id: ids.converter },
      'converters/save': { draft: { ...converterDraft('function convert() { return "owned"; }'), id: ids.converter }, baseVersion: 1 },
      'converters/delete': { id: ids.converter },
      'converters/test': { source: 'function convert(json) { return json; }', sampleInput: '{}' },
      'templates/get': { id: ids.template },
      'templates/save': { draft: { ...templateDraft('owned'), id: ids.template }, baseVersion: 1 },
      'templates/delete': { id: ids.template },
      'templates/preview': { source: '$result', data: [] },
      'config/import': { file: { format: 'rest-data-for-confluence/config', formatVersion: 1, exportedAt: '2024-01-01T00:00:00Z', datasources: [], queries: [], converters: [], templates: [] }, dryRun: false },
    };
  });
  afterAll(async () => {
    await bench.close();
    await upstream.close();
  });

  it('covers every admin key', () => {
    expect(ADMIN_KEYS.length).toBeGreaterThanOrEqual(20);
    expect(ADMIN_KEYS).toContain('config/import');
    expect(ADMIN_KEYS).not.toContain('macro/run');
  });

  describe.each([
    ['a viewer', { accountId: VIEWER }],
    ['an anonymous caller', { accountId: undefined, accountType: 'anonymous' }],
    ['a caller without account', { accountId: undefined }],
  ])('as %s', (_label, options) => {
    it.each(ADMIN_KEYS)('%s is FORBIDDEN and changes nothing', async (key) => {
      const before = snapshot({ store: bench.store, secrets: bench.secrets });
      const requestsBefore = upstream.requests.length;

      const response = await bench.call(key, payloads[key] ?? {}, options);

      expectError(response, 'FORBIDDEN', 'administrators');
      // Nothing beyond the refusal itself: no details about the entity.
      expect(response.ok).toBe(false);
      if (!response.ok) expect(Object.keys(response.error).sort()).toEqual(['code', 'hint', 'message']);
      expect(snapshot({ store: bench.store, secrets: bench.secrets })).toEqual(before);
      expect(upstream.requests.length).toBe(requestsBefore);
    });
  });

  it('ignores an admin account id forged into the context', async () => {
    // The browser controls `context`; only the invocation's principal counts.
    const forged = await bench.call('config/export', {}, { accountId: VIEWER, forgedContext: { accountId: ADMIN, accountType: 'licensed', principal: { accountId: ADMIN } } });
    expectError(forged, 'FORBIDDEN', 'administrators');
  });

  describe('macro/run', () => {
    const run = (config: Record<string, unknown>, extra: Record<string, unknown> = {}, options: Parameters<Bench['call']>[2] = {}) =>
      bench.call('macro/run', { config, ...extra }, { accountId: VIEWER, pageId: PAGES.eng.id, ...options });

    it('runs for a viewer', async () => {
      const response = await run({ queryId: ids.query, parameters: { project: 'ENG' } });
      expect(response.ok, JSON.stringify(response)).toBe(true);
    });

    it.each([
      ['an unknown query id', 'no-such-query', 'ENTITY_NOT_FOUND', 'no-such-query'],
      ['a converter id as query id', 'CONVERTER', 'ENTITY_NOT_FOUND', ''],
    ] as const)('refuses %s', async (_name, queryId, code, fragment) => {
      const id = queryId === 'CONVERTER' ? ids.converter : queryId;
      const requestsBefore = upstream.requests.length;
      expectError(await run({ queryId: id, parameters: {} }), code, fragment || id);
      expect(upstream.requests.length).toBe(requestsBefore);
    });

    it.each([
      ['a path as query id', '../datasource/x'],
      ['an empty query id', ''],
      ['a very long query id', 'q'.repeat(500)],
    ])('refuses %s as invalid', async (_name, queryId) => {
      expectError(await run({ queryId, parameters: {} }), 'INVALID_REQUEST', 'queryId');
    });

    it('refuses a forged space key', async () => {
      // Page 100 is in ENG; the browser claims OPS, where the query is allowed.
      const response = await run({ queryId: ids.restricted, parameters: {} }, {}, { spaceKey: 'OPS', pageId: PAGES.eng.id });
      expectError(response, 'SPACE_NOT_ALLOWED', 'ENG');
    });

    it('refuses a restricted query without a page', async () => {
      const response = await run({ queryId: ids.restricted, parameters: {} }, {}, { spaceKey: 'OPS', pageId: undefined });
      expectError(response, 'SPACE_NOT_ALLOWED', 'Ops only');
    });

    it('runs a restricted query in its space', async () => {
      const response = await run({ queryId: ids.restricted, parameters: {} }, {}, { pageId: PAGES.ops.id });
      expect(response.ok, JSON.stringify(response)).toBe(true);
    });

    it('refuses a page the caller cannot see', async () => {
      bench.emulator.addPage({ id: '900', title: 'Secret page', spaceId: '2', viewers: [ADMIN] }, 'OPS');
      const response = await run({ queryId: ids.restricted, parameters: {} }, {}, { pageId: '900' });
      expectError(response, 'FORBIDDEN', 'page');
    });

    it('refuses an override of a locked parameter', async () => {
      const requestsBefore = upstream.requests.length;
      expectError(await run({ queryId: ids.query, parameters: {} }, { viewerParameters: { team: 'finance' } }), 'PARAMETER_NOT_EDITABLE', 'team');
      expect(upstream.requests.length).toBe(requestsBefore);
    });

    it('refuses a parameter the query does not have', async () => {
      expectError(await run({ queryId: ids.query, parameters: {} }, { viewerParameters: { admin: 'true' } }), 'PARAMETER_INVALID', 'admin');
    });

    it('lists only queries usable on the page', async () => {
      const response = await bench.call('macro/queries', {}, { accountId: VIEWER, pageId: PAGES.eng.id });
      if (!response.ok) throw new Error(JSON.stringify(response.error));
      const names = response.data.queries.map((query) => query.name);
      expect(names).not.toContain('Ops only');
      for (const query of response.data.queries) expect(Object.keys(query).sort()).toEqual(['description', 'id', 'name', 'parameters']);
    });

    it('shows no datasource details to a viewer', async () => {
      const response = await run({ queryId: ids.query, parameters: {} });
      const text = JSON.stringify(response);
      expect(text).not.toContain(upstream.url);
      expect(text).not.toContain('guarded-token');
      expect(SITE).toContain('site');
    });
  });
});
