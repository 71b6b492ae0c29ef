// The secrets scan. Every datasource gets a distinctive secret, and a full run
// drives every resolver: saves, reads, previews, tests, exports, imports, page
// runs and error paths. The secret, as typed, URL-encoded or base64-encoded in
// a Basic header, must then appear in no response, log line, console output,
// stored record or cache entry. It may appear only in the SecretStore and in
// the requests to the datasource's own API.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { EntityDraft } from '../../src/contract/entities';
import type { ResolverResponse } from '../../src/contract/errors';
import type { ResolverKey, ResultOf } from '../../src/contract/resolvers';
import { createDefinitions } from '../../src/resolvers/definitions';
import { matchToken, createDemoToken } from '../../src/local/demo-api/tokens';
import { sendJson, startTestServer, type TestServer } from '../support/https-server';
import { ADMIN, PAGES, VIEWER, createBench, type Bench } from './support/bench';
import { converterDraft, datasourceDraft, parameter, queryDraft, templateDraft } from './support/drafts';

const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** One secret per datasource; each is distinctive enough that no other text contains it by chance. */
const SECRETS = {
  bearer: 'canary-bearer-Q7f3x9LmZ2',
  header: 'canary-header-W4k8p1NvR6',
  basic: 'canary-basic-T2j5h7YcE3',
  replaced: 'canary-replaced-H9d2s4KqU8',
} as const;
const BASIC_USER = 'canary-user';

/** Returns every form of each secret that would count as a leak. */
function leakForms(): string[] {
  const forms: string[] = [];
  for (const secret of Object.values(SECRETS)) {
    forms.push(secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'));
  }
  forms.push(Buffer.from(`${BASIC_USER}:${SECRETS.basic}`).toString('base64'));
  return forms;
}

/** Flattens any value, Maps and class instances included, into searchable text. */
function deepText(value: unknown, seen = new Set<unknown>()): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return '';
  seen.add(value);
  if (value instanceof Map) return [...value.entries()].map(([key, entry]) => `${deepText(key, seen)}=${deepText(entry, seen)}`).join('\n');
  if (value instanceof Set) return [...value].map((entry) => deepText(entry, seen)).join('\n');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, entry]) => `${key}=${deepText(entry, seen)}`)
    .join('\n');
}

describe('secrets', () => {
  let bench: Bench;
  let api: TestServer;
  let elsewhere: TestServer;
  const responses: unknown[] = [];
  const consoleLines: string[] = [];
  const ids: Record<string, string> = {};

  /** Calls a resolver and keeps its response for the scan. */
  async function call<K extends ResolverKey>(key: K, payload: unknown, options: Parameters<Bench['call']>[2] = {}): Promise<ResolverResponse<ResultOf<K>>> {
    const response = await bench.call(key, payload, options);
    responses.push({ key, response });
    return response;
  }

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleLines.push(args.map((arg) => (typeof arg === 'string' ? arg : deepText(arg))).join(' '));
      });
    }

    elsewhere = await startTestServer({ routes: { '/landing': ({ res }) => sendJson(res, 200, []) } });
    api = await startTestServer({
      routes: {
        '/ok': ({ res }) => sendJson(res, 200, [{ key: 'A-1', summary: 'fine' }]),
        // An API that quotes the credentials it rejected, in the body and a header.
        '/echo-401': ({ req, res }) => sendJson(res, 401, { errorMessages: [`Invalid credentials: ${req.headers.authorization ?? ''} ${req.headers['x-api-key'] ?? ''}`] }, { 'x-echo': String(req.headers.authorization ?? req.headers['x-api-key'] ?? '') }),
        '/echo-500': ({ req, res }) => sendJson(res, 500, { message: `crashed while handling ${req.headers.authorization ?? req.headers['x-api-key'] ?? ''}` }),
        '/echo-html': ({ req, res }) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(`<html><head><title>Login ${req.headers.authorization ?? ''}</title></head></html>`);
        },
        '/away': ({ res }) => {
          res.writeHead(302, { location: `${elsewhere.url}/landing` });
          res.end();
        },
        '/slow': async ({ res }) => {
          await new Promise((resolveLater) => setTimeout(resolveLater, 1200));
          if (!res.destroyed) sendJson(res, 200, []);
        },
      },
    });
    bench = await createBench({ privateHostsAllowed: [`127.0.0.1:${api.port}`, `127.0.0.1:${elsewhere.port}`] });

    const drafts: [string, EntityDraft<'datasource'>, Record<string, string>][] = [
      ['bearer', datasourceDraft(api.url, { name: 'Bearer API', timeoutMs: 1000, allowedHosts: [{ host: `127.0.0.1:${api.port}` }, { host: `127.0.0.1:${elsewhere.port}` }] }), { token: SECRETS.bearer }],
      ['header', datasourceDraft(api.url, { name: 'Header API', auth: { kind: 'token', placement: 'header', headerName: 'X-API-Key', prefix: 'Key ' } }), { token: SECRETS.header }],
      ['basic', datasourceDraft(api.url, { name: 'Basic API', auth: { kind: 'basic', username: BASIC_USER } }), { password: SECRETS.basic }],
    ];
    for (const [label, draft, secrets] of drafts) {
      const response = await call('datasources/save', { draft, secrets });
      if (!response.ok) throw new Error(JSON.stringify(response.error));
      ids[label] = response.data.id;
    }
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await bench.close();
    await api.close();
    await elsewhere.close();
  });

  it('drives every resolver', async () => {
    const converter = await call('converters/save', { draft: converterDraft('function convert(json, metadata) { return [{ meta: JSON.stringify(metadata), keys: Object.keys(globalThis).join(",") }]; }') });
    const template = await call('templates/save', { draft: templateDraft('#foreach($row in $result)<p>$row</p>#end $queryParameters') });
    const converterId = converter.ok ? converter.data.id : '';
    const templateId = template.ok ? template.data.id : '';
    const paths = ['/ok', '/echo-401', '/echo-500', '/echo-html', '/away'];

    for (const [label, datasourceId] of Object.entries(ids)) {
      await call('datasources/get', { id: datasourceId });
      await call('datasources/test', { id: datasourceId });

      for (const path of paths) {
        const saved = await call('queries/save', {
          draft: queryDraft(datasourceId, {
            name: `${label} ${path}`,
            url: `${path}?q=:q`,
            parameters: [parameter('q', { default: 'x', viewerEditable: true })],
            converterId,
            templateId,
            cacheDuration: '5m',
          }),
        });
        if (!saved.ok) throw new Error(JSON.stringify(saved.error));
        const queryId = saved.data.id;

        await call('queries/preview', { id: queryId, parameters: { q: 'preview' } });
        await call('macro/run', { config: { queryId, parameters: { q: 'page' } }, viewerParameters: { q: 'viewer' } }, { pageId: PAGES.eng.id, accountId: VIEWER });
        if (label !== 'bearer') continue;

        // The remaining keys once, on one datasource: they share the code paths above.
        await call('queries/get', { id: queryId });
        await call('queries/preview', { draft: queryDraft(datasourceId, { url: path }), parameters: {} });
        await call('macro/run', { config: { queryId, parameters: { q: 'page' } } }, { pageId: PAGES.eng.id, accountId: VIEWER });
        await call('macro/refresh', { config: { queryId, parameters: {} } }, { pageId: PAGES.eng.id });
      }
    }

    // A timeout, once: the bearer datasource allows 1000 ms and the route responds after 1200.
    const slow = await call('queries/save', { draft: queryDraft(ids.bearer!, { name: 'Slow', url: '/slow' }) });
    if (slow.ok) await call('macro/run', { config: { queryId: slow.data.id, parameters: {} } }, { pageId: PAGES.eng.id });

    await call('converters/test', { source: 'function convert(json, metadata) { return [metadata, Object.keys(globalThis)]; }', sampleInput: '{}' });
    await call('templates/preview', { source: '$result $queryParameters', data: [{ a: 1 }] });
    await call('macro/queries', {}, { pageId: PAGES.eng.id, accountId: VIEWER });
    await call('session/whoami', {});
    for (const kind of ['datasources', 'queries', 'converters', 'templates'] as const) await call(`${kind}/list`, {});

    const exported = await call('config/export', {});
    if (!exported.ok) throw new Error(JSON.stringify(exported.error));
    await call('config/import', { file: exported.data, dryRun: true });
    await call('config/import', { file: exported.data, dryRun: false });

    // Error paths of the admin keys: a bad save that quotes its input, a viewer, a replaced and a deleted secret.
    await call('datasources/save', { draft: datasourceDraft(`https://user:${SECRETS.replaced}@api.example.com`), secrets: { token: SECRETS.replaced } });
    await call('datasources/save', { draft: { ...datasourceDraft(api.url), name: '' }, secrets: { token: `${SECRETS.replaced}\n` } });
    await call('datasources/get', { id: ids.bearer! }, { accountId: VIEWER });
    await call('datasources/save', { draft: datasourceDraft(api.url, { name: 'Replaced API' }), secrets: { token: SECRETS.replaced } }, { accountId: VIEWER });
    const replaced = await call('datasources/save', { draft: datasourceDraft(api.url, { name: 'Replaced API' }), secrets: { token: SECRETS.replaced } });
    if (replaced.ok) {
      const view = await call('datasources/get', { id: replaced.data.id });
      if (view.ok) await call('datasources/save', { draft: { ...datasourceDraft(api.url, { name: 'Replaced API' }), id: replaced.data.id }, baseVersion: view.data.version, secrets: { token: null } });
      await call('datasources/delete', { id: replaced.data.id });
    }

    expect(responses.length).toBeGreaterThan(60);
  });

  it('reached the API with the secrets', () => {
    const sent = api.requests.map((request) => JSON.stringify(request.headers)).join('\n');
    expect(sent).toContain(`Bearer ${SECRETS.bearer}`);
    expect(sent).toContain(`Key ${SECRETS.header}`);
    expect(sent).toContain(Buffer.from(`${BASIC_USER}:${SECRETS.basic}`).toString('base64'));
  });

  it('keeps credentials off a redirect to another host', () => {
    expect(elsewhere.requests.length).toBeGreaterThan(0);
    for (const request of elsewhere.requests) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers['x-api-key']).toBeUndefined();
    }
  });

  it('leaks into no response', () => {
    const leaking = responses.filter((entry) => leakForms().some((form) => deepText(entry).includes(form)));
    expect(leaking.map((entry) => JSON.stringify(entry).slice(0, 1500))).toEqual([]);
    const text = deepText(responses);
    for (const form of leakForms()) expect(text, form).not.toContain(form);
  });

  it('leaks into no log line', () => {
    expect(bench.logs.length).toBeGreaterThan(0);
    const text = deepText(bench.logs);
    for (const form of leakForms()) expect(text, form).not.toContain(form);
  });

  it('leaks into no console output', () => {
    const text = consoleLines.join('\n');
    for (const form of leakForms()) expect(text, form).not.toContain(form);
  });

  it('leaks into no stored record or cache entry', () => {
    const text = deepText(bench.store);
    expect(text).toContain('Bearer API');
    for (const form of leakForms()) expect(text, form).not.toContain(form);
  });

  it('lives in the secret store', () => {
    const text = deepText(bench.secrets);
    expect(text).toContain(SECRETS.bearer);
    expect(text).toContain(SECRETS.header);
    expect(text).toContain(SECRETS.basic);
  });

  it('leaves the secret store when deleted', () => {
    expect(deepText(bench.secrets)).not.toContain(SECRETS.replaced);
  });

  it('reports secrets only as configured', async () => {
    const view = await bench.admin('datasources/get', { id: ids.basic! });
    expect(view.secrets).toEqual({ password: { configured: true }, token: { configured: false } });
  });
});

describe('secrets on Forge storage', () => {
  it('go to the secret store, not to plain storage', async () => {
    const bench = await createBench({ storage: 'kvs' });
    try {
      const saved = await bench.admin('datasources/save', { draft: datasourceDraft('https://api.example.com', { name: 'KVS API' }), secrets: { token: SECRETS.bearer } });

      expect(deepText(bench.emulator.kvs)).toContain('KVS API');
      expect(deepText(bench.emulator.kvs)).not.toContain(SECRETS.bearer);
      expect(deepText(bench.emulator.entities)).not.toContain(SECRETS.bearer);
      expect(deepText(bench.emulator.secrets)).toContain(SECRETS.bearer);

      await bench.admin('datasources/delete', { id: saved.id });
      expect(deepText(bench.emulator.secrets)).not.toContain(SECRETS.bearer);
    } finally {
      await bench.close();
    }
  });
});

describe('secret comparison', () => {
  it('matches demo tokens by digest', () => {
    const tokens = [createDemoToken('first'), createDemoToken('second')];

    expect(matchToken(tokens[1]!.token, tokens)).toBe('second');
    expect(matchToken(`${tokens[1]!.token}x`, tokens)).toBeUndefined();
    expect(matchToken('', tokens)).toBeUndefined();
    expect(matchToken('short', tokens)).toBeUndefined();
  });

  it('compares demo tokens in constant time', () => {
    const source = readFileSync(join(PROJECT_ROOT, 'src/local/demo-api/tokens.ts'), 'utf8');
    expect(source).toContain('timingSafeEqual(');
    expect(source).not.toMatch(/token\s*[!=]==?\s*(?!undefined\b|null\b)[a-z]/i);
  });

  // Secrets must never be compared with === or !==, which return at the first
  // differing character. The listed exceptions compare values that are not secret.
  const NOT_SECRET = new Map([['src/local/demo-api/routes.ts', 'Jira pagination cursors (nextPageToken) are public']]);

  it('uses no plain comparison on secrets', () => {
    const offenders: string[] = [];
    const comparison = /\b\w*(?:token|secret|password|apikey|credential)\w*\s*[!=]==?\s*(?!undefined\b|null\b|['"`]|typeof\b)\w|\w\s*[!=]==?\s*\w*(?:token|secret|password|apikey|credential)\w*\b(?!\s*\()/i;

    for (const file of sourceFiles(join(PROJECT_ROOT, 'src'))) {
      const name = relative(PROJECT_ROOT, file);
      if (NOT_SECRET.has(name)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (comparison.test(line) && !/kind\s*[!=]==|=== ['"]|\.length\s*[!=]==/.test(line)) offenders.push(`${name}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('lists every resolver key in the scan', () => {
    const keys = Object.keys(createDefinitions(() => ({}) as never));
    expect(keys.length).toBeGreaterThan(25);
    expect(ADMIN).not.toBe(VIEWER);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts)$/.test(entry) && !entry.endsWith('.generated.ts') ? [path] : [];
  });
}
