// runQuery end to end against a real HTTPS server on 127.0.0.1: the shared
// REST client, the isolated-vm or QuickJS converter runtime, the template
// renderer and the result cache on the in-memory store. The server counts
// requests, so the cache and the shared upstream call are observed from outside.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Converter, Datasource, EntityByKind, EntityKind, Query, Template } from '../../src/contract/entities';
import { createConverterRuntime, type ConverterRuntime } from '../../src/core/convert';
import { secretKey } from '../../src/core/entities';
import { createNodeFetch, sendRequest, type HttpDeps } from '../../src/core/http';
import type { ExecutionContext } from '../../src/core/ports';
import { runQuery, type EntityReader, type RunDeps } from '../../src/core/run';
import { MemorySecretStore, MemoryStore } from '../../src/core/store/memory-store';
import { fixtureRoute, readFixture, sendText, startTestServer, type TestServer } from '../support/https-server';
import { ManualClock } from '../support/manual-clock';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOKEN = 'run-test-token-51c2';
const SEARCH_FIXTURE = 'jira_v2_search_server_11issues_jira-ruby.json';
const PROJECTS_FIXTURE = 'jira_v2_project_list_apache_567projects.json';
/** Status code of the /flaky route; 200 serves the search fixture. */
let flakyStatus = 200;
/** Delay before the server responds, so concurrent runs overlap the upstream call. */
const ANSWER_DELAY_MS = 150;

const stamp = { description: '', schemaVersion: 1 as const, version: 1, updatedAt: '2026-01-01T00:00:00.000Z' };
const context: ExecutionContext = { locale: 'en-US', timeZone: 'UTC', siteId: 'site-a' };

let server: TestServer;
let runtime: ConverterRuntime;
let clock: ManualClock;
let store: RecordingStore;

/** The in-memory store, recording the size of every cache write so a test can see chunking. */
class RecordingStore extends MemoryStore {
  readonly writes: { key: string; bytes: number; ttlSeconds: number }[] = [];

  override async setCache(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.writes.push({ key, bytes: Buffer.byteLength(value, 'utf8'), ttlSeconds });
    await super.setCache(key, value, ttlSeconds);
  }
}
let deps: RunDeps;
let entities: Map<string, Datasource | Query | Converter | Template>;

function readExample(file: string): string {
  return readFileSync(path.join(root, 'examples', file), 'utf8');
}

function query(overrides: Partial<Query> = {}): Query {
  return {
    ...stamp,
    id: 'q-open',
    kind: 'query',
    name: 'Open issues',
    datasourceId: 'ds',
    method: 'GET',
    url: '/rest/api/2/search?jql=project%3D:project',
    parameters: [{ name: 'project', type: 'string', default: 'SAMPLEPROJECT', required: true, description: '', viewerEditable: true }],
    converterId: 'c-open',
    cacheDuration: '5m',
    spaces: [],
    ...overrides,
  };
}

/** Requests the server received for one path, query string ignored. */
function requestsTo(pathname: string): number {
  return server.requests.filter((request) => request.url.split('?')[0] === pathname).length;
}

beforeAll(async () => {
  const delayed = (fixture: string) => {
    const bytes = readFixture(fixture);
    return async ({ req, res }: { req: import('node:http').IncomingMessage; res: import('node:http').ServerResponse }) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        sendText(res, 401, '{"errorMessages":["Unauthorized"]}', 'application/json');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, ANSWER_DELAY_MS));
      sendText(res, 200, bytes, 'application/json;charset=UTF-8');
    };
  };
  server = await startTestServer({
    routes: {
      'GET /rest/api/2/search': delayed(SEARCH_FIXTURE),
      'GET /rest/api/2/project': delayed(PROJECTS_FIXTURE),
      'GET /flaky/search': async (context) => {
        if (flakyStatus === 200) return delayed(SEARCH_FIXTURE)(context);
        sendText(context.res, flakyStatus, '{"errorMessages":["Jira is down for maintenance"]}', 'application/json');
      },
      'GET /bom': fixtureRoute('jsontestsuite_i_structure_UTF-8_BOM_empty_object.json'),
      'GET /nested': fixtureRoute('jsontestsuite_i_structure_500_nested_arrays.json'),
      'GET /rest/api/2/issue/MISSING-1': fixtureRoute('jira_error_404_issue_not_found_go-jira.json', 404),
      'PUT /rest/api/2/issue/10002': fixtureRoute('jira_error_400_field_errors_jira-ruby.json', 400),
      'GET /rest/api/2/issue/10002': fixtureRoute('jira_error_400_field_errors_jira-ruby.json', 400),
      'POST /repos/octokit-fixture-org/errors/labels': ({ res }) => {
        const exchange = JSON.parse(readFixture('github_error_422_validation_octokit_fixture.json').toString('utf8'))[0];
        sendText(res, exchange.status, JSON.stringify(exchange.response), 'application/json; charset=utf-8');
      },
    },
  });
  runtime = await createConverterRuntime();
});

afterAll(async () => {
  await runtime.dispose();
  await server.close();
});

beforeEach(async () => {
  server.requests.length = 0;
  flakyStatus = 200;
  clock = new ManualClock();
  store = new RecordingStore({ clock });
  const secrets = new MemorySecretStore();
  await secrets.set(secretKey('ds', 'token'), TOKEN);

  const policy = { privateHostsAllowed: [`127.0.0.1:${server.port}`] };
  const http: HttpDeps = { fetch: createNodeFetch({ policy, ca: server.certPem }), secrets, clock, network: policy };
  entities = new Map();
  const put = (entity: Datasource | Query | Converter | Template) => entities.set(`${entity.kind}:${entity.id}`, entity);
  put({
    ...stamp, id: 'ds', kind: 'datasource', name: 'Jira', baseUrl: server.url, auth: { kind: 'token', placement: 'bearer' },
    headers: {}, allowedHosts: [], testPath: '/', timeoutMs: 5000, maxResponseBytes: 2_000_000, allowInsecureHttp: false,
  });
  put({ ...stamp, id: 'c-open', kind: 'converter', name: 'Open issues', source: readExample('converters/jira-open-issues.js'), sampleInput: '' });
  put({ ...stamp, id: 't-open', kind: 'template', name: 'Open issues', source: readExample('templates/open-issues.vm') });

  const reader: EntityReader = {
    find: async <K extends EntityKind>(kind: K, id: string) => entities.get(`${kind}:${id}`) as EntityByKind[K] | undefined,
    listEntities: async <K extends EntityKind>(kind: K) => [...entities.values()].filter((entity) => entity.kind === kind) as EntityByKind[K][],
  };
  deps = { entities: reader, upstream: (datasource, request) => sendRequest(http, datasource, request), converters: runtime, store, clock };
});

describe('run > runQuery over HTTPS', () => {
  it('second run hits the cache', async () => {
    const first = await runQuery(deps, query(), {}, context);
    expect(first.cache.hit).toBe(false);
    expect(first.cache.storedAt).toBe(new Date(clock.now()).toISOString());
    expect(first.cache.expiresAt).toBe(new Date(clock.now() + 300_000).toISOString());
    expect(first.tables[0]?.rows).toHaveLength(11);
    expect(requestsTo('/rest/api/2/search')).toBe(1);

    clock.advance(60_000);
    const second = await runQuery(deps, query(), {}, context);
    expect(second.cache.hit).toBe(true);
    expect(second.cache.storedAt).toBe(first.cache.storedAt);
    expect(second.cache.expiresAt).toBe(first.cache.expiresAt);
    expect(second.tables).toEqual(first.tables);
    expect(second.timings.fetchMs).toBe(0);
    expect(second.engine).toBe(first.engine);
    expect(requestsTo('/rest/api/2/search')).toBe(1);
  });

  it('refresh bypasses the cache and stores anew', async () => {
    await runQuery(deps, query(), {}, context);
    clock.advance(10_000);

    const refreshed = await runQuery(deps, query(), {}, context, { refresh: true });
    expect(refreshed.cache.hit).toBe(false);
    expect(refreshed.cache.storedAt).toBe(new Date(clock.now()).toISOString());
    expect(requestsTo('/rest/api/2/search')).toBe(2);

    const after = await runQuery(deps, query(), {}, context);
    expect(after.cache.hit).toBe(true);
    expect(after.cache.storedAt).toBe(refreshed.cache.storedAt);
    expect(requestsTo('/rest/api/2/search')).toBe(2);
  });

  it('20 concurrent runs share one upstream call', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => runQuery(deps, query(), { project: 'CONCURRENT' }, context)));
    expect(requestsTo('/rest/api/2/search')).toBe(1);
    expect(server.requests[0]?.url).toBe('/rest/api/2/search?jql=project%3DCONCURRENT');
    for (const result of results) expect(result.tables).toEqual(results[0]!.tables);
    expect(results.every((result) => result.cache.hit === false)).toBe(true);
  });

  it('concurrent runs without caching share one call too', async () => {
    const uncached = query({ cacheDuration: '0' });
    await Promise.all(Array.from({ length: 20 }, () => runQuery(deps, uncached, {}, context)));
    expect(requestsTo('/rest/api/2/search')).toBe(1);

    const later = await runQuery(deps, uncached, {}, context);
    expect(later.cache).toEqual({ hit: false });
    expect(requestsTo('/rest/api/2/search')).toBe(2);
  });

  it('keys on parameter values, site and versions', async () => {
    await runQuery(deps, query(), { project: 'ONE' }, context);
    await runQuery(deps, query(), { project: 'TWO' }, context);
    expect(requestsTo('/rest/api/2/search')).toBe(2);

    await runQuery(deps, query(), { project: 'ONE' }, { ...context, siteId: 'site-b' });
    expect(requestsTo('/rest/api/2/search')).toBe(3);

    await runQuery(deps, query({ version: 2 }), { project: 'ONE' }, context);
    expect(requestsTo('/rest/api/2/search')).toBe(4);

    const converter = entities.get('converter:c-open') as Converter;
    entities.set('converter:c-open', { ...converter, version: 2 });
    await runQuery(deps, query({ version: 2 }), { project: 'ONE' }, context);
    expect(requestsTo('/rest/api/2/search')).toBe(5);

    const repeat = await runQuery(deps, query({ version: 2 }), { project: 'ONE' }, context);
    expect(repeat.cache.hit).toBe(true);
    expect(requestsTo('/rest/api/2/search')).toBe(5);
  });

  it('an entry expires after the cache duration', async () => {
    await runQuery(deps, query(), {}, context);
    clock.advance(299_000);
    expect((await runQuery(deps, query(), {}, context)).cache.hit).toBe(true);

    clock.advance(2_000);
    const expired = await runQuery(deps, query(), {}, context);
    expect(expired.cache.hit).toBe(false);
    expect(requestsTo('/rest/api/2/search')).toBe(2);
  });

  it('a template edit shows on a cache hit', async () => {
    const withTemplate = query({ templateId: 't-open' });
    const first = await runQuery(deps, withTemplate, {}, context);
    expect(first.html).toContain('<th>Key</th>');

    const template = entities.get('template:t-open') as Template;
    entities.set('template:t-open', { ...template, version: 2, source: template.source.replace('<th>Key</th>', '<th>Issue key</th>') });
    const second = await runQuery(deps, withTemplate, {}, context);
    expect(second.cache.hit).toBe(true);
    expect(second.html).toContain('<th>Issue key</th>');
  });

  it('a result over 240 KiB round-trips in chunks', async () => {
    // No converter: the 451 KB project list is cached as parsed, well above the store's 240 KiB value limit.
    const projects = query({ id: 'q-projects', name: 'Projects', url: '/rest/api/2/project', parameters: [], converterId: undefined, cacheDuration: '1h' });
    const first = await runQuery(deps, projects, {}, context);
    expect(first.cache.hit).toBe(false);
    expect(first.cache.storedAt).toBeDefined();
    const projectWrites = store.writes.filter((write) => write.ttlSeconds === 3600);
    expect(projectWrites.length).toBeGreaterThanOrEqual(3);
    expect(projectWrites.reduce((sum, write) => sum + write.bytes, 0)).toBeGreaterThan(240 * 1024);
    for (const write of projectWrites) expect(write.bytes).toBeLessThanOrEqual(store.maxValueBytes);

    const second = await runQuery(deps, projects, {}, context);
    expect(second.cache.hit).toBe(true);
    expect(second.tables).toEqual(first.tables);
    expect(second.tables[0]?.rows).toHaveLength(567);
    expect(requestsTo('/rest/api/2/project')).toBe(1);
  });

  it('a failed fetch is not cached and names its stage', async () => {
    const secrets = new MemorySecretStore();
    await secrets.set(secretKey('ds', 'token'), 'wrong-token');
    const policy = { privateHostsAllowed: [`127.0.0.1:${server.port}`] };
    const http: HttpDeps = { fetch: createNodeFetch({ policy, ca: server.certPem }), secrets, clock, network: policy };
    const failing: RunDeps = { ...deps, upstream: (datasource, request) => sendRequest(http, datasource, request) };

    await expect(runQuery(failing, query(), {}, context)).rejects.toMatchObject({ code: 'AUTH_FAILED', details: { stage: 'fetch' } });
    const recovered = await runQuery(deps, query(), {}, context);
    expect(recovered.cache.hit).toBe(false);
    expect(requestsTo('/rest/api/2/search')).toBe(2);
  });

  it('a BOM before an empty object renders the empty message', async () => {
    const bom = query({ id: 'q-bom', url: '/bom', parameters: [], converterId: undefined, cacheDuration: '0' });
    const result = await runQuery(deps, bom, {}, context);
    expect(result.isEmpty).toBe(true);
    expect(result.emptyMessage).toBe('No results');
    expect(result.engine).toBe('none');
  });

  it('500 nested arrays render without failing', async () => {
    const nested = query({ id: 'q-nested', url: '/nested', parameters: [], converterId: undefined, cacheDuration: '0' });
    const result = await runQuery(deps, nested, {}, context);
    expect(result.isEmpty).toBe(false);
    expect(result.html.length).toBeGreaterThan(0);
    expect(result.html).not.toContain('[object Object]');
  });

  it('a Jira 404 fails the fetch stage with the upstream message', async () => {
    const missing = query({ id: 'q-missing', url: '/rest/api/2/issue/:key', parameters: [{ name: 'key', type: 'string', required: true, description: '', viewerEditable: true }] });
    const failure = runQuery(deps, missing, { key: 'MISSING-1' }, context);
    await expect(failure).rejects.toMatchObject({ code: 'NOT_FOUND', details: { stage: 'fetch', status: 404 } });
    await expect(failure).rejects.toThrow('Issue does not exist or you do not have permission to see it.');
    expect(store.writes).toEqual([]);
  });

  it('a Jira 400 names the field error', async () => {
    const invalid = query({ id: 'q-invalid', url: '/rest/api/2/issue/10002', parameters: [] });
    const failure = runQuery(deps, invalid, {}, context);
    await expect(failure).rejects.toMatchObject({ code: 'UPSTREAM_CLIENT_ERROR', details: { stage: 'fetch', status: 400 } });
    await expect(failure).rejects.toThrow("Field 'invalid' is not valid for this operation.");
  });

  it('a POST query sends its body; a GitHub 422 reports the validation message', async () => {
    const recorded = JSON.parse(readFixture('github_error_422_validation_octokit_fixture.json').toString('utf8'))[0];
    const create = query({
      id: 'q-label',
      method: 'POST',
      url: '/repos/:owner/errors/labels',
      body: '{"name": ":name", "color": ":color"}',
      parameters: [
        { name: 'owner', type: 'string', default: 'octokit-fixture-org', required: true, description: '', viewerEditable: false },
        { name: 'name', type: 'string', default: 'foo', required: true, description: '', viewerEditable: true },
        { name: 'color', type: 'string', default: 'invalid', required: true, description: '', viewerEditable: true },
      ],
    });
    const failure = runQuery(deps, create, {}, context);
    await expect(failure).rejects.toMatchObject({ code: 'UPSTREAM_CLIENT_ERROR', details: { stage: 'fetch', status: 422 } });
    await expect(failure).rejects.toThrow('Validation Failed');

    const sent = server.requests.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent.body)).toEqual(recorded.body);
  });

  it('a failed refresh keeps the cached result with a warning', async () => {
    const flaky = query({ id: 'q-flaky', url: '/flaky/search', parameters: [] });
    const first = await runQuery(deps, flaky, {}, context);
    expect(first.cache.hit).toBe(false);

    flakyStatus = 503;
    clock.advance(30_000);
    const refreshed = await runQuery(deps, flaky, {}, context, { refresh: true });
    expect(refreshed.cache).toEqual({ hit: true, storedAt: first.cache.storedAt, expiresAt: first.cache.expiresAt });
    expect(refreshed.tables).toEqual(first.tables);
    expect(refreshed.warnings[0]?.code).toBe('STALE_CACHE');
    expect(refreshed.warnings[0]?.message).toContain('UPSTREAM_ERROR');
    expect(refreshed.warnings[0]?.message).toContain(first.cache.storedAt);
    expect(requestsTo('/flaky/search')).toBe(2);
  });

  it('a failed refresh without a cached result fails', async () => {
    flakyStatus = 503;
    const flaky = query({ id: 'q-flaky-empty', url: '/flaky/search', parameters: [] });
    await expect(runQuery(deps, flaky, {}, context, { refresh: true })).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', details: { stage: 'fetch' } });
  });

  it('a converter error on refresh is not hidden by the cache', async () => {
    const flaky = query({ id: 'q-flaky-convert', url: '/flaky/search', parameters: [] });
    await runQuery(deps, flaky, {}, context);
    const converter = entities.get('converter:c-open') as Converter;
    entities.set('converter:c-open', { ...converter, source: 'function convert(json) { throw new Error("broken"); }' });
    await expect(runQuery(deps, flaky, {}, context, { refresh: true })).rejects.toMatchObject({ code: 'CONVERTER_ERROR', details: { stage: 'convert' } });
  });
});
