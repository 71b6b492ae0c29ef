// The resolvers on Forge storage: records and secrets go through the real
// @forge/kvs client to the platform emulation, as they do on Forge.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { fixtureRoute, startTestServer, type TestServer } from '../support/https-server';
import { PAGES, VIEWER, createBench, type Bench } from './harness';
import { sampleDatasourceDraft, sampleQueryDraft } from './samples';

const TOKEN = 'tok-kvs-backed-distinctive-91ab';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ routes: { 'GET /rest/api/2/search': fixtureRoute('jira_v2_search_server_11issues_jira-ruby.json') } });
});
afterAll(() => server.close());

describe('resolvers on KVS', () => {
  let bench: Bench;

  beforeEach(async () => {
    bench = await createBench({ storage: 'kvs', ca: server.certPem, privateHostsAllowed: [`127.0.0.1:${server.port}`] });
  });
  afterEach(() => bench.close());

  async function saveDatasource(): Promise<string> {
    return (await bench.admin('datasources/save', { draft: sampleDatasourceDraft(server.url), secrets: { token: TOKEN } })).id;
  }

  it('keeps the token in secret storage only', async () => {
    const id = await saveDatasource();
    expect(bench.emulator.secrets.get(`secret:${id}:token`)?.value).toBe(TOKEN);
    expect(JSON.stringify([...bench.emulator.kvs.values()])).not.toContain(TOKEN);
    expect(JSON.stringify(await bench.call('datasources/get', { id }))).not.toContain(TOKEN);
  });

  it('runs a macro with the stored token', async () => {
    const datasourceId = await saveDatasource();
    const query = await bench.admin('queries/save', { draft: sampleQueryDraft(datasourceId, { cacheDuration: '5m' }) });
    const response = await bench.call('macro/run', { config: { queryId: query.id, parameters: { project: 'SAMPLEPROJECT' } } }, { accountId: VIEWER, pageId: PAGES.eng.id });
    expect(response.ok).toBe(true);
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect([...bench.emulator.kvs.keys()].some((key) => key.startsWith('cache:'))).toBe(true);
  });

  it('lets one of two concurrent saves win', async () => {
    const id = await saveDatasource();
    const draft = (name: string) => ({ ...sampleDatasourceDraft(server.url), id, name });
    const results = await Promise.all([
      bench.call('datasources/save', { draft: draft('Edited by one'), baseVersion: 1 }),
      bench.call('datasources/save', { draft: draft('Edited by two'), baseVersion: 1 }),
    ]);
    const codes = results.map((result) => (result.ok ? 'ok' : result.error.code)).sort();
    expect(codes).toEqual(['CONFLICT', 'ok']);
    const winner = results.findIndex((result) => result.ok);
    expect((await bench.admin('datasources/get', { id })).name).toBe(winner === 0 ? 'Edited by one' : 'Edited by two');
  });

  it('deletes a datasource with its secret', async () => {
    const id = await saveDatasource();
    await bench.admin('datasources/delete', { id });
    expect(bench.emulator.secrets.has(`secret:${id}:token`)).toBe(false);
    expect([...bench.emulator.kvs.keys()].filter((key) => key.startsWith('rec:datasource:'))).toEqual([]);
  });

  it('round-trips a configuration export', async () => {
    const datasourceId = await saveDatasource();
    await bench.admin('queries/save', { draft: sampleQueryDraft(datasourceId) });
    const file = await bench.admin('config/export', {});
    const plan = await bench.admin('config/import', { file, dryRun: true });
    expect(plan.items.map((item) => item.action)).toEqual(['unchanged', 'unchanged']);
  });
});
