// Every example as a saved query, run with runQuery through the REST client
// against a local HTTPS server that serves the example's fixture. This checks
// what examples.test.ts cannot: that the query path and parameters in
// examples/index.json build a valid request, and that the whole pipeline
// (fetch, convert, cache, render) gives the same output as the stages alone.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Converter, Datasource, EntityByKind, EntityKind, ParameterDefinition, Query, Template } from '../../src/contract/entities';
import { createConverterRuntime, type ConverterRuntime } from '../../src/core/convert';
import { createNodeFetch, sendRequest, type HttpDeps } from '../../src/core/http';
import { buildRequest } from '../../src/core/params';
import { systemClock, type ExecutionContext } from '../../src/core/ports';
import { runQuery, type EntityReader, type RunDeps } from '../../src/core/run';
import { MemorySecretStore, MemoryStore } from '../../src/core/store/memory-store';
import { renderTemplate } from '../../src/core/template';
import { readFixture, sendText, startTestServer, type TestServer } from '../support/https-server';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Example {
  name: string;
  converter: string;
  template?: string;
  fixture: string;
  fixtureRecording?: number;
  path: string;
  parameters: ParameterDefinition[];
}

const examples = (JSON.parse(read('examples/index.json')) as { examples: Example[] }).examples;
const stamp = { description: '', schemaVersion: 1 as const, version: 1, updatedAt: '2026-01-01T00:00:00.000Z' };
const context: ExecutionContext = { locale: 'en-US', timeZone: 'UTC', siteId: 'examples', spaceKey: 'SPACE', pageId: '65613' };

let server: TestServer;
let runtime: ConverterRuntime;
let deps: RunDeps;
const queries = new Map<string, Query>();

/** Returns the body and headers the server sends for an example: the fixture bytes, or one recorded exchange. */
function served(example: Example): { body: Buffer; headers: Record<string, string> } {
  if (example.fixtureRecording === undefined) return { body: readFixture(example.fixture), headers: {} };
  const exchange = JSON.parse(readFixture(example.fixture).toString('utf8'))[example.fixtureRecording];
  const headers = Object.fromEntries(
    Object.entries(exchange.headers as Record<string, unknown>)
      .map(([key, value]) => [key.toLowerCase(), String(value)] as const)
      .filter(([key]) => key === 'link'),
  );
  return { body: Buffer.from(JSON.stringify(exchange.response), 'utf8'), headers };
}

beforeAll(async () => {
  server = await startTestServer();
  runtime = await createConverterRuntime();
  const entities = new Map<string, Datasource | Query | Converter | Template>();
  const put = (entity: Datasource | Query | Converter | Template) => entities.set(`${entity.kind}:${entity.id}`, entity);

  for (const [position, example] of examples.entries()) {
    // Each example gets its own base path, so examples that share an API path can serve different fixtures.
    const prefix = `/example-${position}`;
    put({
      ...stamp, id: `ds-${position}`, kind: 'datasource', name: example.name, baseUrl: `${server.url}${prefix}`, auth: { kind: 'none' },
      headers: {}, allowedHosts: [], testPath: '/', timeoutMs: 5000, maxResponseBytes: 2_000_000, allowInsecureHttp: false,
    });
    put({ ...stamp, id: `c-${position}`, kind: 'converter', name: example.name, source: read(`examples/${example.converter}`), sampleInput: '' });
    if (example.template) put({ ...stamp, id: `t-${position}`, kind: 'template', name: example.name, source: read(`examples/${example.template}`) });
    const query: Query = {
      ...stamp, id: `q-${position}`, kind: 'query', name: example.name, datasourceId: `ds-${position}`, method: 'GET', url: example.path,
      parameters: example.parameters, converterId: `c-${position}`, cacheDuration: '5m', spaces: [],
      ...(example.template ? { templateId: `t-${position}` } : {}),
    };
    put(query);
    queries.set(example.name, query);

    const built = buildRequest(query, {}, context, systemClock);
    const { body, headers } = served(example);
    server.route(`GET ${prefix}${built.path.split('?')[0]}`, ({ res }) => sendText(res, 200, body, 'application/json;charset=UTF-8', headers));
  }

  const reader: EntityReader = {
    find: async <K extends EntityKind>(kind: K, id: string) => entities.get(`${kind}:${id}`) as EntityByKind[K] | undefined,
    listEntities: async <K extends EntityKind>(kind: K) => [...entities.values()].filter((entity) => entity.kind === kind) as EntityByKind[K][],
  };
  const policy = { privateHostsAllowed: [`127.0.0.1:${server.port}`] };
  const http: HttpDeps = { fetch: createNodeFetch({ policy, ca: server.certPem }), secrets: new MemorySecretStore(), clock: systemClock, network: policy };
  deps = { entities: reader, upstream: (datasource, request) => sendRequest(http, datasource, request), converters: runtime, store: new MemoryStore(), clock: systemClock };
});

afterAll(async () => {
  await runtime.dispose();
  await server.close();
});

describe('examples > pipeline over HTTPS', () => {
  it.each(examples.map((example) => [example.name, example] as const))('%s runs end to end', async (name, example) => {
    const query = queries.get(name)!;
    const before = server.requests.length;
    const result = await runQuery(deps, query, {}, context);
    expect(server.requests.length).toBe(before + 1);
    expect(server.requests.at(-1)?.url.startsWith(`/example-${examples.indexOf(example)}/`)).toBe(true);

    // The same stages by hand: the converter on the fixture body, then the template.
    const { body, headers } = served(example);
    const built = buildRequest(query, {}, context, systemClock);
    const converted = await runtime.run({
      source: read(`examples/${example.converter}`),
      json: body.toString('utf8'),
      metadata: { queryName: name, queryParameters: built.values, originalQueryParameters: built.originalValues, status: 200, headers: { ...headers } },
    });
    const direct = renderTemplate({
      template: example.template ? { id: query.templateId, name, source: read(`examples/${example.template}`) } : undefined,
      result: converted.value,
      queryName: name,
      queryParameters: built.values,
      settings: { locale: context.locale, timeZone: context.timeZone },
    });
    expect(result.html).toBe(direct.html);
    expect(result.tables).toEqual(direct.tables);
    expect(result.charts).toEqual(direct.charts);
    expect(result.warnings).toEqual([]);
    expect(result.cache.hit).toBe(false);

    const again = await runQuery(deps, query, {}, context);
    expect(again.cache.hit).toBe(true);
    expect(again.html).toBe(result.html);
    expect(server.requests.length).toBe(before + 1);
  });

  it('parameters and wildcards reach the upstream URL encoded', async () => {
    const urlOf = async (name: string) => {
      await runQuery(deps, queries.get(name)!, {}, context, { refresh: true });
      return server.requests.at(-1)!.url.replace(/^\/example-\d+/, '');
    };
    expect(await urlOf('Issues by status')).toBe('/rest/api/2/search?jql=project%20%3D%20SLING%20AND%20fixVersion%20%3D%20%22Committer%20CLI%201.0.0%22&fields=summary,status');
    expect(await urlOf('Confluence pages with breadcrumbs')).toBe('/rest/api/content?spaceKey=SPACE&title=A%20new%20page%20title&expand=ancestors');
    expect(await urlOf('Confluence attachments')).toBe('/rest/api/content/65613/child/attachment');
    expect(await urlOf('Sprints of a board')).toBe('/rest/agile/1.0/board/4/sprint');
  });
});
