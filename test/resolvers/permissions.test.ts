// Admin keys reject everyone but Confluence administrators before looking at
// the payload, and a rejection carries nothing beyond FORBIDDEN.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { MACRO_KEYS, isAdminKey, type ResolverKey } from '../../src/contract/resolvers';
import { createDefinitions } from '../../src/resolvers/definitions';
import { ADMIN, OUTSIDER, VIEWER, createBench, type Bench } from './harness';
import { sampleDatasourceDraft } from './samples';

const ALL_KEYS = Object.keys(createDefinitions(() => ({}) as never)) as ResolverKey[];
const ADMIN_KEYS = ALL_KEYS.filter((key) => isAdminKey(key));

/** A payload that would pass validation for each key, so only the admin check can refuse it. */
const VALID_PAYLOADS: Partial<Record<ResolverKey, unknown>> = {
  'datasources/get': { id: 'ds-1' },
  'datasources/save': { draft: sampleDatasourceDraft('https://api.example.com') },
  'datasources/delete': { id: 'ds-1' },
  'datasources/test': { id: 'ds-1' },
  'queries/get': { id: 'q-1' },
  'queries/delete': { id: 'q-1' },
  'queries/preview': { id: 'q-1', parameters: {} },
  'converters/get': { id: 'c-1' },
  'converters/delete': { id: 'c-1' },
  'converters/test': { source: 'function convert(json) { return json; }', sampleInput: '{}' },
  'templates/get': { id: 't-1' },
  'templates/delete': { id: 't-1' },
  'templates/preview': { source: '$result', data: [] },
  'config/import': { file: {}, dryRun: false },
};

describe('admin permission checks', () => {
  let bench: Bench;

  beforeEach(async () => {
    bench = await createBench();
  });
  afterEach(() => bench.close());

  it('covers every contract key', () => {
    expect(ALL_KEYS).toHaveLength(26);
    expect(ADMIN_KEYS).toHaveLength(ALL_KEYS.length - MACRO_KEYS.length);
  });

  for (const key of ADMIN_KEYS) {
    it(`${key} refuses a non-admin`, async () => {
      const response = await bench.call(key, VALID_PAYLOADS[key] ?? {}, { accountId: VIEWER });
      expect(response).toEqual({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: 'Only Confluence administrators can do this.',
          hint: 'Ask a Confluence administrator to make this change, or to grant you administrator rights.',
        },
      });
    });

    it(`${key} refuses an anonymous caller`, async () => {
      const response = await bench.call(key, VALID_PAYLOADS[key] ?? {}, { accountId: undefined, accountType: 'anonymous' });
      expect(response.ok).toBe(false);
      if (!response.ok) expect(response.error.code).toBe('FORBIDDEN');
    });
  }

  it('refuses before validating the payload', async () => {
    const response = await bench.call('datasources/save', { nonsense: true }, { accountId: VIEWER });
    expect(response.ok || response.error.code).toBe('FORBIDDEN');
  });

  it('changes nothing for a refused save', async () => {
    await bench.call('datasources/save', VALID_PAYLOADS['datasources/save'], { accountId: VIEWER });
    expect((await bench.store.list('datasource')).items).toEqual([]);
  });

  it('asks Confluence as the caller', async () => {
    await bench.call('datasources/list', {}, { accountId: VIEWER });
    expect(bench.emulator.confluenceCalls).toEqual([{ accountId: VIEWER, path: '/wiki/rest/api/user/current?expand=operations' }]);
  });

  it('caches the answer per account', async () => {
    await bench.call('datasources/list', {});
    await bench.call('queries/list', {});
    await bench.call('datasources/list', {}, { accountId: VIEWER });
    await bench.call('templates/list', {}, { accountId: VIEWER });
    expect(bench.emulator.confluenceCalls.map((call) => call.accountId)).toEqual([ADMIN, VIEWER]);
  });

  it('fails closed when Confluence fails', async () => {
    bench.emulator.confluenceFailureStatus = 500;
    const response = await bench.call('datasources/list', {}, { accountId: OUTSIDER });
    expect(response.ok || response.error.code).toBe('FORBIDDEN');
    expect(bench.logs.map((line) => line.event)).toContain('admin_check.failed');
  });

  it('lets an admin list datasources', async () => {
    expect(await bench.call('datasources/list', {})).toEqual({ ok: true, data: { items: [] } });
  });

  it('reports admin rights to the front end', async () => {
    expect(await bench.call('session/whoami', {})).toEqual({ ok: true, data: { accountId: ADMIN, isAdmin: true } });
    expect(await bench.call('session/whoami', {}, { accountId: VIEWER })).toEqual({ ok: true, data: { accountId: VIEWER, isAdmin: false } });
    expect(await bench.call('session/whoami', {}, { accountId: undefined, accountType: 'anonymous' })).toEqual({
      ok: true,
      data: { accountId: '', isAdmin: false },
    });
  });
});
