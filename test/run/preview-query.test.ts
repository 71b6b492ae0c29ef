// previewQuery, the admin's stage-by-stage run, against a real HTTPS server:
// every stage's output, where a failing run stopped, and no caching.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Converter, Datasource, EntityByKind, EntityKind, Query, Template } from '../../src/contract/entities';
import { createConverterRuntime, type ConverterRuntime } from '../../src/core/convert';
import { createNodeFetch, sendRequest, type HttpDeps } from '../../src/core/http';
import { systemClock, type ExecutionContext } from '../../src/core/ports';
import { PREVIEW_BODY_CHARS, previewQuery, type EntityReader, type PreviewQuery, type RunDeps } from '../../src/core/run';
import { MemorySecretStore, MemoryStore } from '../../src/core/store/memory-store';
import { fixtureRoute, startTestServer, type TestServer } from '../support/https-server';

const stamp = { description: '', schemaVersion: 1 as const, version: 1, updatedAt: '2026-01-01T00:00:00.000Z' };
const context: ExecutionContext = { locale: 'en-US', timeZone: 'UTC', siteId: 'site-a' };

let server: TestServer;
let runtime: ConverterRuntime;
let deps: RunDeps;
let store: MemoryStore;
const entities = new Map<string, Datasource | Converter | Template>();

function put(entity: Datasource | Converter | Template): void {
  entities.set(`${entity.kind}:${entity.id}`, entity);
}

function draft(overrides: Partial<PreviewQuery> = {}): PreviewQuery {
  return { name: 'Preview', datasourceId: 'ds', method: 'GET', url: '/rest/agile/1.0/board/4/sprint', parameters: [], converterId: 'c-sprints', ...overrides };
}

beforeAll(async () => {
  server = await startTestServer({
    routes: {
      'GET /rest/agile/1.0/board/4/sprint': fixtureRoute('jira_agile_sprint_list_go-jira.json'),
      'GET /rest/api/2/project': fixtureRoute('jira_v2_project_list_apache_567projects.json'),
      'GET /rest/api/2/issue/MISSING-1': fixtureRoute('jira_error_404_issue_not_found_go-jira.json', 404),
    },
  });
  runtime = await createConverterRuntime();
  put({
    ...stamp, id: 'ds', kind: 'datasource', name: 'Jira', baseUrl: server.url, auth: { kind: 'none' },
    headers: {}, allowedHosts: [], testPath: '/', timeoutMs: 5000, maxResponseBytes: 2_000_000, allowInsecureHttp: false,
  });
  put({
    ...stamp, id: 'c-sprints', kind: 'converter', name: 'Sprint names', sampleInput: '',
    source: 'function convert(json) {\n  return JSON.parse(json).values.map((sprint) => ({ name: sprint.name, state: sprint.state }));\n}',
  });
  put({ ...stamp, id: 'c-broken', kind: 'converter', name: 'Broken', sampleInput: '', source: 'function convert(json) {\n  const page = JSON.parse(json);\n  return page.missing.values;\n}' });
  put({ ...stamp, id: 't-broken', kind: 'template', name: 'Broken template', source: 'Sprints:\n#if($result)\nshown' });

  const reader: EntityReader = {
    find: async <K extends EntityKind>(kind: K, id: string) => entities.get(`${kind}:${id}`) as EntityByKind[K] | undefined,
    listEntities: async <K extends EntityKind>(kind: K) => [...entities.values()].filter((entity) => entity.kind === kind) as EntityByKind[K][],
  };
  const policy = { privateHostsAllowed: [`127.0.0.1:${server.port}`] };
  const http: HttpDeps = { fetch: createNodeFetch({ policy, ca: server.certPem }), secrets: new MemorySecretStore(), clock: systemClock, network: policy };
  store = new MemoryStore();
  deps = { entities: reader, upstream: (datasource, request) => sendRequest(http, datasource, request), converters: runtime, store, clock: systemClock };
});

beforeEach(() => {
  server.requests.length = 0;
});

afterAll(async () => {
  await runtime.dispose();
  await server.close();
});

describe('run > previewQuery', () => {
  it('returns every stage of a successful run', async () => {
    const preview = await previewQuery(deps, draft(), {}, context);
    expect(preview.error).toBeUndefined();
    expect(preview.request).toEqual({ method: 'GET', url: `${server.url}/rest/agile/1.0/board/4/sprint` });
    expect(preview.response?.status).toBe(200);
    expect(JSON.parse(preview.response!.body).values).toHaveLength(6);
    expect(preview.converted).toHaveLength(6);
    expect(preview.result?.tables[0]?.rows[0]).toEqual(['Iteration-10', 'closed']);
    expect(preview.result?.cache).toEqual({ hit: false });
    expect(Object.keys(preview.timings).sort()).toEqual(['convertMs', 'fetchMs', 'renderMs', 'totalMs']);
  });

  it('never reads or writes the cache', async () => {
    await previewQuery(deps, draft(), {}, context);
    await previewQuery(deps, draft(), {}, context);
    expect(server.requests).toHaveLength(2);
  });

  it('cuts a long response body and says where', async () => {
    const preview = await previewQuery(deps, draft({ url: '/rest/api/2/project', converterId: undefined }), {}, context);
    expect(preview.response?.body).toHaveLength(PREVIEW_BODY_CHARS);
    expect(preview.response?.bodyTruncatedAt).toBe(PREVIEW_BODY_CHARS);
    expect(preview.result?.tables[0]?.rows).toHaveLength(567);
  });

  it('stops at the fetch stage with the upstream message', async () => {
    const preview = await previewQuery(deps, draft({ url: '/rest/api/2/issue/MISSING-1' }), {}, context);
    expect(preview.error).toMatchObject({ code: 'NOT_FOUND', stage: 'fetch' });
    expect(preview.error?.message).toContain('Issue does not exist or you do not have permission to see it.');
    expect(preview.response).toBeUndefined();
  });

  it('stops at the convert stage with the converter line', async () => {
    const preview = await previewQuery(deps, draft({ converterId: 'c-broken' }), {}, context);
    expect(preview.response?.status).toBe(200);
    expect(preview.error).toMatchObject({ code: 'CONVERTER_ERROR', stage: 'convert', line: 3 });
    expect(preview.converted).toBeUndefined();
  });

  it('stops at the render stage with the template line', async () => {
    const preview = await previewQuery(deps, draft({ templateId: 't-broken' }), {}, context);
    expect(preview.converted).toHaveLength(6);
    expect(preview.error).toMatchObject({ code: 'TEMPLATE_SYNTAX', stage: 'render', line: 2, column: 1 });
    expect(preview.error?.message).toContain('Template "Broken template" at line 2, column 1: #if is never closed with #end.');
  });

  it('reports a missing parameter before any request', async () => {
    const preview = await previewQuery(
      deps,
      draft({ url: '/rest/agile/1.0/board/:boardId/sprint', parameters: [{ name: 'boardId', type: 'integer', required: true, description: '', viewerEditable: false }] }),
      {},
      context,
    );
    expect(preview.error).toMatchObject({ code: 'PARAMETER_MISSING', stage: 'parameters' });
    expect(server.requests).toHaveLength(0);
  });

  it('names a missing converter at the request stage', async () => {
    const preview = await previewQuery(deps, draft({ converterId: 'nope' }), {}, context);
    expect(preview.error).toMatchObject({ code: 'ENTITY_NOT_FOUND', stage: 'request' });
    expect(server.requests).toHaveLength(0);
  });
});
