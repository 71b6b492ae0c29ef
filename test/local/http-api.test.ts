// The local host's HTTP API without a browser: invoke as a chosen user, the
// request guards, the page and product endpoints.

import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAdminKey, type ResolverKey } from '../../src/contract/resolvers';
import { startLocalHost, type LocalHost } from '../support/local-host';
import { ADMIN, data, demoPage, invoke, macroContext, VIEWER } from './invoke-client';

let host: LocalHost;

beforeAll(async () => {
  host = await startLocalHost();
});

afterAll(async () => {
  await host?.stop();
  host?.cleanup();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: { message?: string } }> {
  const response = await fetch(`${host.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-account-id': ADMIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { message?: string } };
}

/** Sends a request with a Host header that fetch would not let us set. */
function rawGet(path: string, hostHeader: string): Promise<number> {
  const url = new URL(host.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: Number(url.port), path, headers: { host: hostHeader } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

const ADMIN_KEYS: { key: ResolverKey; payload: unknown }[] = [
  { key: 'datasources/list', payload: {} },
  { key: 'datasources/get', payload: { id: 'x' } },
  { key: 'datasources/delete', payload: { id: 'x' } },
  { key: 'datasources/test', payload: { id: 'x' } },
  { key: 'queries/list', payload: {} },
  { key: 'queries/get', payload: { id: 'x' } },
  { key: 'queries/delete', payload: { id: 'x' } },
  { key: 'queries/preview', payload: { id: 'x', parameters: {} } },
  { key: 'converters/list', payload: {} },
  { key: 'converters/test', payload: { source: 'function convert(j){return []}', sampleInput: '{}' } },
  { key: 'templates/list', payload: {} },
  { key: 'templates/preview', payload: { source: 'x', data: [] } },
  { key: 'config/export', payload: {} },
  { key: 'config/import', payload: { file: {}, dryRun: true } },
];

describe('POST /api/invoke', { timeout: 60_000 }, () => {
  it('runs session/whoami as the named user', async () => {
    expect(data(await invoke(host.url, ADMIN, 'session/whoami', {}))).toEqual({ accountId: ADMIN, isAdmin: true });
    expect(data(await invoke(host.url, VIEWER, 'session/whoami', {}))).toEqual({ accountId: VIEWER, isAdmin: false });
  });

  it.each(ADMIN_KEYS)('refuses $key to the viewer', async ({ key, payload }) => {
    expect(isAdminKey(key)).toBe(true);
    const response = await invoke(host.url, VIEWER, key, payload as never);
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.error.code).toBe('FORBIDDEN');
  });

  it('ignores an accountId forged in the context', async () => {
    const response = await invoke(host.url, VIEWER, 'datasources/list', {}, { accountId: ADMIN, accountType: 'licensed', principal: { accountId: ADMIN } });
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.error.code).toBe('FORBIDDEN');
  });

  it('lists the demo entities to the admin', async () => {
    const names = data(await invoke(host.url, ADMIN, 'datasources/list', {})).items.map((item) => item.name);
    expect(names).toEqual(['Demo Jira', 'Demo Jira Agile (token expiring soon)', 'Demo Prometheus']);
    const queries = data(await invoke(host.url, ADMIN, 'queries/list', {})).items.map((item) => item.name);
    expect(queries).toContain('Open issues of a project');
    expect(queries).toContain('All Jira projects');
  });

  it('never returns a datasource token', async () => {
    const [first] = data(await invoke(host.url, ADMIN, 'datasources/list', {})).items;
    const view = data(await invoke(host.url, ADMIN, 'datasources/get', { id: first!.id }));
    expect(view.secrets.token.configured).toBe(true);
    expect(JSON.stringify(view)).not.toMatch(/pqdemo_/);
    const exported = data(await invoke(host.url, ADMIN, 'config/export', {}));
    expect(JSON.stringify(exported)).not.toMatch(/pqdemo_/);
  });

  it('runs a demo macro with a viewer-chosen project', async () => {
    const page = await demoPage(host.url);
    const openIssues = page.document.macros.find((macro) => macro.localId === 'demo-open-issues')!;
    const result = data(await invoke(host.url, VIEWER, 'macro/run', { config: openIssues.config, viewerParameters: { project: 'SLING' } }, macroContext()));
    const keys = result.tables[0]!.rows.map((row) => row[0]);
    expect(keys).toEqual(['SLING-8338', 'SLING-8337']);
  });

  it('refuses a run on a page the viewer cannot see', async () => {
    const page = await demoPage(host.url);
    const projects = page.document.macros.find((macro) => macro.localId === 'demo-projects')!;
    const response = await invoke(host.url, VIEWER, 'macro/run', { config: projects.config }, macroContext('1003'));
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.error.code).toBe('FORBIDDEN');
    expect(data(await invoke(host.url, ADMIN, 'macro/run', { config: projects.config }, macroContext('1003'))).tables[0]!.rows.length).toBe(567);
  });

  it('refuses a query outside its spaces', async () => {
    const queries = data(await invoke(host.url, ADMIN, 'queries/list', {})).items;
    const limited = queries.find((query) => query.name === 'Open issues, custom template')!;
    const config = { queryId: limited.id, parameters: { project: 'SAMPLEPROJECT' } };

    const inOps = await invoke(host.url, VIEWER, 'macro/run', { config }, macroContext('2001'));
    expect(inOps.ok).toBe(false);
    if (!inOps.ok) expect(inOps.error.code).toBe('SPACE_NOT_ALLOWED');

    // The space comes from the page, not from what the browser claims.
    const forged = { ...macroContext('2001'), extension: { type: 'macro', content: { id: '2001', type: 'page' }, space: { key: 'DEMO' } } };
    const forgedRun = await invoke(host.url, VIEWER, 'macro/run', { config }, forged);
    expect(forgedRun.ok).toBe(false);
    if (!forgedRun.ok) expect(forgedRun.error.code).toBe('SPACE_NOT_ALLOWED');

    expect(data(await invoke(host.url, VIEWER, 'macro/run', { config }, macroContext('1001'))).html).toContain('SAMPLEPROJECT-13');
    const offered = data(await invoke(host.url, VIEWER, 'macro/queries', {}, macroContext('2001'))).queries.map((query) => query.name);
    expect(offered).not.toContain('Open issues, custom template');
  });

  it('hides a restricted page from the viewer', async () => {
    const asViewer = await fetch(`${host.url}/api/product/confluence/wiki/api/v2/pages/1003`, { headers: { 'x-local-account-id': VIEWER } });
    expect(asViewer.status).toBe(404);
    const asAdmin = await fetch(`${host.url}/api/product/confluence/wiki/api/v2/pages/1003`, { headers: { 'x-local-account-id': ADMIN } });
    expect(((await asAdmin.json()) as { title: string }).title).toBe('Admin notes');
    const shell = await fetch(`${host.url}/wiki/spaces/DEMO/pages/1003`, { headers: { cookie: 'pq_local_user=local-viewer' } });
    expect(shell.status).toBe(404);
    expect((await fetch(`${host.url}/api/pages/1003`, { headers: { 'x-local-account-id': VIEWER } })).status).toBe(404);
  });

  it('connects to the demo API over https with the token', async () => {
    const [main] = data(await invoke(host.url, ADMIN, 'datasources/list', {})).items;
    const test = data(await invoke(host.url, ADMIN, 'datasources/test', { id: main!.id }));
    expect(test.ok).toBe(true);
    expect(test.status).toBe(200);
    expect(test.auth).toBe('accepted');
    expect(test.tls.used).toBe(true);
  });

  it('lets one of concurrent saves win', async () => {
    const summary = data(await invoke(host.url, ADMIN, 'converters/list', {})).items.find((item) => item.name === 'Sprints to rows')!;
    const converter = data(await invoke(host.url, ADMIN, 'converters/get', { id: summary.id }));
    const { id, kind, name, description, source, sampleInput } = converter;
    const results = await Promise.all(
      [1, 2, 3, 4].map((mark) =>
        invoke(host.url, ADMIN, 'converters/save', { draft: { id, kind, name, description, sampleInput, source: `// edit ${mark}\n${source}` }, baseVersion: converter.version }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const codes = results.flatMap((result) => (result.ok ? [] : [result.error.code]));
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
  });

  it.each([
    ['the host itself', () => `https://127.0.0.1:${new URL(host.url).port}`],
    ['another loopback port', () => 'https://127.0.0.1:1'],
    ['localhost', () => 'https://localhost:9'],
    ['a private address', () => 'https://10.0.0.1'],
  ])('rejects a datasource on %s', async (_label, baseUrl) => {
    const response = await invoke(host.url, ADMIN, 'datasources/save', {
      draft: {
        kind: 'datasource',
        name: `Loopback ${baseUrl()}`,
        description: '',
        baseUrl: baseUrl(),
        auth: { kind: 'none' },
        headers: {},
        allowedHosts: [],
        testPath: '/',
        timeoutMs: 5000,
        maxResponseBytes: 1024,
        allowInsecureHttp: false,
      },
    });
    expect(response.ok).toBe(false);
    if (!response.ok) expect(['HOST_NOT_ALLOWED', 'VALIDATION_FAILED']).toContain(response.error.code);
    const names = data(await invoke(host.url, ADMIN, 'datasources/list', {})).items.map((item) => item.name);
    expect(names).not.toContain(`Loopback ${baseUrl()}`);
  });

  it('requires the account header', async () => {
    const response = await post('/api/invoke', { functionKey: 'session/whoami' }, { 'x-local-account-id': '' });
    expect(response.status).toBe(401);
    expect(response.body.message).toContain('x-local-account-id');
  });

  it('rejects an unknown account', async () => {
    const response = await post('/api/invoke', { functionKey: 'session/whoami' }, { 'x-local-account-id': 'someone-else' });
    expect(response.status).toBe(401);
    expect(response.body.message).toContain('Unknown account id "someone-else"');
  });

  it('requires a JSON content type', async () => {
    const response = await post('/api/invoke', '{"functionKey":"session/whoami"}', { 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
  });

  it('rejects malformed JSON', async () => {
    expect((await post('/api/invoke', '{"functionKey":')).status).toBe(400);
  });

  it('requires a function key', async () => {
    const response = await post('/api/invoke', { payload: {} });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('"functionKey" must be a non-empty string');
  });

  it('reports an unknown function key', async () => {
    const response = await post('/api/invoke', { functionKey: 'nothing/here' });
    expect(response.status).toBe(404);
    expect(response.body.message).toBe('No resolver function "nothing/here".');
  });

  it('applies the Forge payload limit', async () => {
    const response = await post('/api/invoke', { functionKey: 'converters/test', payload: { source: 'x'.repeat(600 * 1024), sampleInput: '' } });
    expect(response.status).toBe(413);
  });

  it('rejects a foreign Origin', async () => {
    const response = await post('/api/invoke', { functionKey: 'session/whoami' }, { origin: 'http://evil.example' });
    expect(response.status).toBe(403);
  });

  it('rejects a foreign Host header', async () => {
    expect(await rawGet('/wiki/spaces/DEMO/pages/1001', 'rebound.example:80')).toBe(421);
    expect(await rawGet('/wiki/spaces/DEMO/pages/1001', new URL(host.url).host)).toBe(200);
  });
});

describe('page and product endpoints', { timeout: 60_000 }, () => {
  it('saves a macro config', async () => {
    const response = await fetch(`${host.url}/api/pages/1002/macros/sling-versions`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-local-account-id': VIEWER },
      body: JSON.stringify({ config: { queryId: 'q-1', parameters: { project: 'ABC' } } }),
    });
    expect(response.status).toBe(200);
    const page = await demoPage(host.url, '1002');
    expect(page.document.macros[0]!.config).toEqual({ queryId: 'q-1', parameters: { project: 'ABC' } });
  });

  it('rejects a flat config', async () => {
    const response = await fetch(`${host.url}/api/pages/1002/macros/sling-versions`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-local-account-id': VIEWER },
      body: JSON.stringify({ queryId: 'q-1' }),
    });
    expect(response.status).toBe(400);
  });

  it('reports a missing macro', async () => {
    const response = await fetch(`${host.url}/api/pages/1002/macros/nope`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-local-account-id': VIEWER },
      body: JSON.stringify({ config: {} }),
    });
    expect(response.status).toBe(404);
  });

  it('answers the current user with operations', async () => {
    const response = await fetch(`${host.url}/api/product/confluence/wiki/rest/api/user/current?expand=operations`, { headers: { 'x-local-account-id': VIEWER } });
    const body = (await response.json()) as { accountId: string; operations: { operation: string }[] };
    expect(body.accountId).toBe(VIEWER);
    expect(body.operations.map((operation) => operation.operation)).toEqual(['use', 'create']);
  });

  it('counts the demo API requests of a run', async () => {
    const page = await demoPage(host.url);
    const projects = page.document.macros.find((macro) => macro.localId === 'demo-projects')!;
    await fetch(`${host.url}/api/demo/requests`, { method: 'DELETE', headers: { 'x-local-account-id': ADMIN } });
    const runs = await Promise.all(
      Array.from({ length: 10 }, () => invoke(host.url, VIEWER, 'macro/refresh', { config: projects.config }, macroContext())),
    );
    expect(runs.every((run) => run.ok)).toBe(true);
    const counts = (await (await fetch(`${host.url}/api/demo/requests`, { headers: { 'x-local-account-id': ADMIN } })).json()) as { total: number; byPath: Record<string, number> };
    expect(counts.byPath['/rest/api/2/project']).toBeGreaterThan(0);
    expect(counts.total).toBe(counts.byPath['/rest/api/2/project']);
  });

  // Uses a macro no other test in this file runs, so the result cache starts cold.
  it('shares one upstream request among concurrent runs', async () => {
    const page = await demoPage(host.url, '1002');
    const prometheus = page.document.macros.find((macro) => macro.localId === 'prometheus-up');
    expect(prometheus).toBeDefined();
    await fetch(`${host.url}/api/demo/requests`, { method: 'DELETE', headers: { 'x-local-account-id': ADMIN } });

    const runs = await Promise.all(Array.from({ length: 50 }, () => invoke(host.url, VIEWER, 'macro/run', { config: prometheus!.config }, macroContext('1002'))));
    expect(runs.filter((run) => run.ok)).toHaveLength(50);
    const counts = (await (await fetch(`${host.url}/api/demo/requests`, { headers: { 'x-local-account-id': ADMIN } })).json()) as { total: number };
    expect(counts.total).toBe(1);
  });

  it('refuses a demo reset to the viewer', async () => {
    const response = await fetch(`${host.url}/api/demo/reset`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-local-account-id': VIEWER }, body: '{}' });
    expect(response.status).toBe(403);
  });
});
