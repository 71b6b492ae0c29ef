// Macro resolvers against a real HTTPS server on 127.0.0.1: what a viewer
// can run, and every forged input that must be refused before a request
// leaves the app.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { fixtureRoute, startTestServer, type TestServer } from '../support/https-server';
import { OUTSIDER, PAGES, VIEWER, createBench, type Bench, type BenchOptions } from './harness';
import { parameter, sampleDatasourceDraft, sampleQueryDraft } from './samples';

const TOKEN = 'tok-macro-distinctive-4f1c9e';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ routes: { 'GET /rest/api/2/search': fixtureRoute('jira_v2_search_server_11issues_jira-ruby.json') } });
});
afterAll(() => server.close());

interface Fixture {
  bench: Bench;
  engQueryId: string;
  openQueryId: string;
}

async function setUp(options: Partial<BenchOptions> = {}): Promise<Fixture> {
  const bench = await createBench({ ca: server.certPem, privateHostsAllowed: [`127.0.0.1:${server.port}`], ...options });
  const datasource = await bench.admin('datasources/save', { draft: sampleDatasourceDraft(server.url), secrets: { token: TOKEN } });
  const eng = await bench.admin('queries/save', {
    draft: sampleQueryDraft(datasource.id, {
      name: 'ENG issues',
      url: '/rest/api/2/search?jql=project%3D:project&maxResults=:maxResults',
      parameters: [
        parameter('project', { default: 'SAMPLEPROJECT', required: true }),
        parameter('maxResults', { type: 'integer', default: '50', viewerEditable: true }),
      ],
      spaces: ['ENG'],
    }),
  });
  const open = await bench.admin('queries/save', {
    draft: sampleQueryDraft(datasource.id, { name: 'Everywhere', url: '/rest/api/2/search', parameters: [], cacheDuration: '5m' }),
  });
  server.requests.length = 0;
  return { bench, engQueryId: eng.id, openQueryId: open.id };
}

describe('macro/run', () => {
  let fixture: Fixture;
  let bench: Bench;

  beforeEach(async () => {
    fixture = await setUp();
    bench = fixture.bench;
  });
  afterEach(() => bench.close());

  const onEngPage = { accountId: VIEWER, pageId: PAGES.eng.id, spaceKey: 'ENG' };

  it('runs a query for a viewer', async () => {
    const response = await bench.call('macro/run', { config: { queryId: fixture.engQueryId, parameters: { project: 'SAMPLEPROJECT' } } }, onEngPage);
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    expect(response.data.queryName).toBe('ENG issues');
    expect(response.data.tables[0]?.rows.length).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.url).toBe('/rest/api/2/search?jql=project%3DSAMPLEPROJECT&maxResults=50');
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('applies a viewer-editable override', async () => {
    const response = await bench.call(
      'macro/run',
      { config: { queryId: fixture.engQueryId, parameters: { project: 'SAMPLEPROJECT' } }, viewerParameters: { maxResults: '5' } },
      onEngPage,
    );
    expect(response.ok).toBe(true);
    expect(server.requests[0]?.url).toBe('/rest/api/2/search?jql=project%3DSAMPLEPROJECT&maxResults=5');
    if (!response.ok) return;
    expect(response.data.viewerParameters).toEqual([{ definition: expect.objectContaining({ name: 'maxResults', viewerEditable: true }), value: '5' }]);
  });

  it('returns viewer parameters with values', async () => {
    const run = await bench.call('macro/run', { config: { queryId: fixture.engQueryId, parameters: { project: 'SAMPLEPROJECT' } } }, onEngPage);
    const refresh = await bench.call(
      'macro/refresh',
      { config: { queryId: fixture.engQueryId, parameters: { project: 'SAMPLEPROJECT', maxResults: '7' } } },
      onEngPage,
    );
    const open = await bench.call('macro/run', { config: { queryId: fixture.openQueryId, parameters: {} } }, onEngPage);
    if (!run.ok || !refresh.ok || !open.ok) throw new Error('A macro run failed.');

    expect(run.data.viewerParameters).toEqual([{ definition: expect.objectContaining({ name: 'maxResults', default: '50' }), value: '50' }]);
    expect(refresh.data.viewerParameters).toEqual([{ definition: expect.objectContaining({ name: 'maxResults' }), value: '7' }]);
    expect(open.data.viewerParameters).toEqual([]);
  });

  it('refuses overriding a fixed parameter', async () => {
    const response = await bench.call(
      'macro/run',
      { config: { queryId: fixture.engQueryId, parameters: { project: 'SAMPLEPROJECT' } }, viewerParameters: { project: 'SECRETPROJECT' } },
      onEngPage,
    );
    expect(response).toMatchObject({ ok: false, error: { code: 'PARAMETER_NOT_EDITABLE', details: { field: 'project' } } });
    expect(server.requests).toEqual([]);
  });

  it('refuses an unknown viewer parameter', async () => {
    const response = await bench.call(
      'macro/run',
      { config: { queryId: fixture.engQueryId, parameters: {} }, viewerParameters: { jql: 'project = OTHER' } },
      onEngPage,
    );
    expect(response).toMatchObject({ ok: false, error: { code: 'PARAMETER_INVALID', details: { field: 'jql' } } });
    expect(server.requests).toEqual([]);
  });

  it('checks the type of every value', async () => {
    const response = await bench.call(
      'macro/run',
      { config: { queryId: fixture.engQueryId, parameters: { project: 'SAMPLEPROJECT' } }, viewerParameters: { maxResults: '5&jql=x' } },
      onEngPage,
    );
    expect(response).toMatchObject({ ok: false, error: { code: 'PARAMETER_INVALID', details: { field: 'maxResults' } } });
    expect(server.requests).toEqual([]);
  });

  it('takes the space from the page, not the browser', async () => {
    const response = await bench.call(
      'macro/run',
      { config: { queryId: fixture.engQueryId, parameters: {} } },
      { accountId: VIEWER, pageId: PAGES.ops.id, spaceKey: 'ENG' },
    );
    expect(response).toMatchObject({ ok: false, error: { code: 'SPACE_NOT_ALLOWED', message: 'The query "ENG issues" cannot be used in space OPS.' } });
    expect(server.requests).toEqual([]);
  });

  it('refuses a restricted query without a page', async () => {
    const response = await bench.call('macro/run', { config: { queryId: fixture.engQueryId, parameters: {} } }, { accountId: VIEWER, spaceKey: 'ENG' });
    expect(response).toMatchObject({ ok: false, error: { code: 'SPACE_NOT_ALLOWED' } });
  });

  it('refuses a page the viewer cannot see', async () => {
    const response = await bench.call('macro/run', { config: { queryId: fixture.engQueryId, parameters: {} } }, { accountId: VIEWER, pageId: PAGES.restricted.id });
    expect(response).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(server.requests).toEqual([]);
  });

  it('refuses an anonymous viewer', async () => {
    const response = await bench.call('macro/run', { config: { queryId: fixture.engQueryId, parameters: {} } }, { accountId: undefined, accountType: 'anonymous', pageId: PAGES.eng.id });
    expect(response).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(server.requests).toEqual([]);
  });

  it('refuses a forged page id', async () => {
    const response = await bench.call('macro/run', { config: { queryId: fixture.engQueryId, parameters: {} } }, { accountId: VIEWER, pageId: '../../admin' });
    expect(response).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('reports an unknown query id', async () => {
    const response = await bench.call('macro/run', { config: { queryId: 'forged-query', parameters: {} } }, onEngPage);
    expect(response).toMatchObject({ ok: false, error: { code: 'ENTITY_NOT_FOUND' } });
  });

  it('rejects a malformed query id', async () => {
    const response = await bench.call('macro/run', { config: { queryId: 'rec:datasource:x', parameters: {} } }, onEngPage);
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { field: '/config/queryId' } } });
  });

  it('looks the page up as the caller', async () => {
    await bench.call('macro/run', { config: { queryId: fixture.engQueryId, parameters: {} } }, onEngPage);
    expect(bench.emulator.confluenceCalls).toContainEqual({ accountId: VIEWER, path: `/wiki/api/v2/pages/${PAGES.eng.id}` });
  });

  it('caches the page lookup per account', async () => {
    const config = { queryId: fixture.engQueryId, parameters: {} };
    await bench.call('macro/run', { config }, onEngPage);
    await bench.call('macro/run', { config }, onEngPage);
    await bench.call('macro/run', { config }, { ...onEngPage, accountId: OUTSIDER });
    const pageCalls = bench.emulator.confluenceCalls.filter((call) => call.path.startsWith('/wiki/api/v2/pages/'));
    expect(pageCalls.map((call) => call.accountId)).toEqual([VIEWER, OUTSIDER]);
  });

  it('serves a repeat run from the cache', async () => {
    const config = { queryId: fixture.openQueryId, parameters: {} };
    const first = await bench.call('macro/run', { config }, { accountId: OUTSIDER, pageId: PAGES.ops.id });
    const second = await bench.call('macro/run', { config }, { accountId: OUTSIDER, pageId: PAGES.ops.id });
    expect(first.ok).toBe(true);
    expect(second.ok).toBe(true);
    expect(second.ok && second.data.cache.hit).toBe(true);
    expect(server.requests).toHaveLength(1);

    const refreshed = await bench.call('macro/refresh', { config }, { accountId: OUTSIDER, pageId: PAGES.ops.id });
    expect(refreshed.ok).toBe(true);
    expect(refreshed.ok && refreshed.data.cache.hit).toBe(false);
    expect(server.requests).toHaveLength(2);
  });

  it('limits how often one viewer refreshes', async () => {
    const config = { queryId: fixture.openQueryId, parameters: {} };
    const caller = { accountId: VIEWER, pageId: PAGES.eng.id };
    await bench.call('macro/refresh', { config }, caller);
    const again = await bench.call('macro/refresh', { config }, caller);
    expect(again.ok).toBe(true);
    expect(again.ok && again.data.cache.hit).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('checks the page before the query id', async () => {
    const response = await bench.call('macro/run', { config: { queryId: 'forged-query', parameters: {} } }, { accountId: VIEWER, pageId: PAGES.restricted.id });
    expect(response).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('macro/queries', () => {
  let fixture: Fixture;

  beforeEach(async () => {
    fixture = await setUp();
  });
  afterEach(() => fixture.bench.close());

  it('lists queries usable in the page space', async () => {
    const eng = await fixture.bench.call('macro/queries', {}, { accountId: VIEWER, pageId: PAGES.eng.id });
    const ops = await fixture.bench.call('macro/queries', {}, { accountId: VIEWER, pageId: PAGES.ops.id, spaceKey: 'ENG' });
    expect(eng.ok && eng.data.queries.map((query) => query.name)).toEqual(['ENG issues', 'Everywhere']);
    expect(ops.ok && ops.data.queries.map((query) => query.name)).toEqual(['Everywhere']);
  });

  it('shares no URL or datasource', async () => {
    const response = await fixture.bench.call('macro/queries', {}, { accountId: VIEWER, pageId: PAGES.eng.id });
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    for (const query of response.data.queries) expect(Object.keys(query).sort()).toEqual(['description', 'id', 'name', 'parameters']);
    expect(JSON.stringify(response)).not.toContain('/rest/api');
  });
});

describe('datasource test and preview', () => {
  let fixture: Fixture;

  beforeEach(async () => {
    fixture = await setUp();
  });
  afterEach(() => fixture.bench.close());

  it('previews a saved query stage by stage', async () => {
    const preview = await fixture.bench.admin('queries/preview', { id: fixture.engQueryId, parameters: { project: 'SAMPLEPROJECT' } });
    expect(preview.response?.status).toBe(200);
    expect(preview.converted).toBeDefined();
    expect(preview.result?.queryName).toBe('ENG issues');
    expect(preview.error).toBeUndefined();
  });

  it('previews an unsaved draft', async () => {
    const saved = await fixture.bench.admin('queries/get', { id: fixture.openQueryId });
    const { id: _id, version: _version, updatedAt: _updatedAt, updatedBy: _updatedBy, schemaVersion: _schema, ...draft } = saved;
    const preview = await fixture.bench.admin('queries/preview', { draft: { ...draft, url: '/rest/api/2/search?startAt=0' }, parameters: {} });
    expect(preview.response?.status).toBe(200);
    expect(server.requests.at(-1)?.url).toBe('/rest/api/2/search?startAt=0');
  });
});

describe('egress on Forge', () => {
  it('names the manifest entry for an undeclared host', async () => {
    const { bench, openQueryId } = await setUp({ egressAllowList: ['*.atlassian.net'] });
    try {
      const response = await bench.call('macro/run', { config: { queryId: openQueryId, parameters: {} } }, { accountId: VIEWER, pageId: PAGES.eng.id });
      expect(response).toMatchObject({ ok: false, error: { code: 'EGRESS_NOT_DECLARED' } });
      expect(server.requests).toEqual([]);
    } finally {
      await bench.close();
    }
  });
});

describe('secrets', () => {
  it('appear in no response or log line', async () => {
    const { bench, engQueryId, openQueryId } = await setUp();
    try {
      server.route('GET /rest/api/2/serverInfo', fixtureRoute('jira_serverinfo_cloud_jira-cli.json'));
      const datasourceId = (await bench.admin('datasources/list', {})).items[0]!.id;
      const onEng = { accountId: VIEWER, pageId: PAGES.eng.id };
      const responses = [
        await bench.call('datasources/list', {}),
        await bench.call('datasources/get', { id: datasourceId }),
        await bench.call('datasources/test', { id: datasourceId }),
        await bench.call('queries/get', { id: engQueryId }),
        await bench.call('queries/preview', { id: engQueryId, parameters: {} }),
        await bench.call('config/export', {}),
        await bench.call('macro/queries', {}, onEng),
        await bench.call('macro/run', { config: { queryId: engQueryId, parameters: {} } }, onEng),
        await bench.call('macro/run', { config: { queryId: openQueryId, parameters: {} } }, onEng),
        await bench.call('macro/run', { config: { queryId: engQueryId, parameters: {} }, viewerParameters: { project: 'X' } }, onEng),
        await bench.call('datasources/get', { id: datasourceId }, { accountId: VIEWER }),
      ];
      const text = JSON.stringify({ responses, logs: bench.logs });
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(Buffer.from(TOKEN).toString('base64'));
    } finally {
      await bench.close();
    }
  });
});

describe('datasources/test', () => {
  it('reports a working connection', async () => {
    const { bench } = await setUp();
    try {
      server.route('GET /rest/api/2/serverInfo', fixtureRoute('jira_serverinfo_cloud_jira-cli.json'));
      const id = (await bench.admin('datasources/list', {})).items[0]!.id;
      const result = await bench.admin('datasources/test', { id });
      expect(result).toMatchObject({ ok: true, status: 200, auth: 'accepted', tls: { used: true } });
      expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      await bench.close();
    }
  });
});
