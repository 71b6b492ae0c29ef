// Data safety and load against the running local host, through its SQLite
// store and HTTP invoke API. Concurrent saves conflict instead of losing an
// edit, a bad import changes nothing, and an entity in use cannot be deleted.
// 50 concurrent page views make one upstream request, and a 429 causes no
// retry storm. Admin keys reject the viewer. SIGKILL during a stream of
// datasource saves with secrets loses no acknowledged save or secret.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ResolverResponse } from '../../src/contract/errors';
import type { PayloadOf, ResolverKey, ResultOf } from '../../src/contract/resolvers';
import { converterDraft, datasourceDraft, queryDraft } from './support/drafts';
import { startEchoServer, type EchoServer } from './support/echo-server';
import { expectError } from './support/expect-error';
import { startLocalHost, type LocalHost } from '../support/local-host';

const ADMIN = 'local-admin';
const VIEWER = 'local-viewer';
const PAGE_CONTEXT = { locale: 'en-US', timezone: 'UTC', extension: { type: 'macro', content: { id: '1001', type: 'page' }, space: { key: 'DEMO' } } };

async function invoke<K extends ResolverKey>(
  host: LocalHost,
  accountId: string,
  functionKey: K,
  payload: PayloadOf<K> | Record<string, unknown>,
  context: Record<string, unknown> = {},
): Promise<ResolverResponse<ResultOf<K>>> {
  const response = await fetch(`${host.url}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-account-id': accountId },
    body: JSON.stringify({ functionKey, payload, context }),
  });
  if (response.status !== 200) throw new Error(`invoke ${functionKey} returned HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as ResolverResponse<ResultOf<K>>;
}

function data<T>(response: ResolverResponse<T>): T {
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.data;
}

describe('local host', () => {
  let host: LocalHost;
  /** The first process owns the data directory; a restart reuses it. */
  let firstHost: LocalHost | undefined;
  let upstream: EchoServer;
  let datasourceId: string;

  beforeAll(async () => {
    upstream = await startEchoServer('http');
    host = await startLocalHost({ privateHostsAllowed: [`127.0.0.1:${upstream.port}`] });
    firstHost = host;
    datasourceId = data(
      await invoke(host, ADMIN, 'datasources/save', {
        draft: datasourceDraft(upstream.url, { allowInsecureHttp: true, timeoutMs: 5000 }),
        secrets: { token: 'local-host-token' },
      }),
    ).id;
  }, 90_000);
  afterAll(async () => {
    await host?.stop();
    firstHost?.cleanup();
    await upstream?.close();
  });

  describe('data', () => {
    it('lets one of two concurrent saves win', async () => {
      const saved = data(await invoke(host, ADMIN, 'converters/save', { draft: converterDraft('function convert(json) { return []; }') }));
      const draft = (mark: string) => ({ ...converterDraft(`function convert(json) { return ["${mark}"]; }`), id: saved.id, name: `Race ${saved.id}` });

      const outcomes = await Promise.all(['first', 'second', 'third'].map((mark) => invoke(host, ADMIN, 'converters/save', { draft: draft(mark), baseVersion: saved.version })));

      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
      const losers = outcomes.filter((outcome) => !outcome.ok);
      expect(losers).toHaveLength(2);
      for (const loser of losers) expectError(loser, 'CONFLICT', 'version');

      const stored = data(await invoke(host, ADMIN, 'converters/get', { id: saved.id }));
      const winner = ['first', 'second', 'third'][outcomes.findIndex((outcome) => outcome.ok)]!;
      expect(stored.source).toContain(winner);
      expect(stored.version).toBe(saved.version + 1);
    });

    it('refuses a stale save after a newer one', async () => {
      const saved = data(await invoke(host, ADMIN, 'converters/save', { draft: converterDraft('function convert(json) { return 1; }') }));
      const draft = { ...converterDraft('function convert(json) { return 2; }'), id: saved.id, name: `Stale ${saved.id}` };
      data(await invoke(host, ADMIN, 'converters/save', { draft, baseVersion: saved.version }));

      expectError(await invoke(host, ADMIN, 'converters/save', { draft, baseVersion: saved.version }), 'CONFLICT', `Stale ${saved.id}`);
    });

    it('imports nothing when one entity is bad', async () => {
      const before = data(await invoke(host, ADMIN, 'config/export', {}));
      const file = {
        ...before,
        converters: [...before.converters, { ...converterDraft('function convert(json) { return []; }'), id: 'import-good-converter', schemaVersion: 1 }],
        queries: [...before.queries, { ...queryDraft(datasourceId, { url: 'https://evil.example/x' }), id: 'import-bad-query', schemaVersion: 1 }],
      };

      const plan = data(await invoke(host, ADMIN, 'config/import', { file, dryRun: false }));

      expect(plan.applied).toBe(false);
      expect(plan.items.find((item) => item.action === 'invalid')?.detail).toContain('url');
      const after = data(await invoke(host, ADMIN, 'config/export', {}));
      expect({ ...after, exportedAt: '' }).toEqual({ ...before, exportedAt: '' });
    });

    it('refuses a file that is not an export', async () => {
      expectError(await invoke(host, ADMIN, 'config/import', { file: { format: 'something-else' }, dryRun: false }), 'IMPORT_INVALID', 'format');
    });

    it('refuses to delete a converter in use', async () => {
      const converter = data(await invoke(host, ADMIN, 'converters/save', { draft: converterDraft('function convert(json) { return JSON.parse(json); }') }));
      const query = data(await invoke(host, ADMIN, 'queries/save', { draft: queryDraft(datasourceId, { converterId: converter.id, name: `User of ${converter.id}` }) }));

      const error = expectError(await invoke(host, ADMIN, 'converters/delete', { id: converter.id }), 'IN_USE', `User of ${converter.id}`);

      expect(error.details?.usedBy).toEqual([{ kind: 'query', id: query.id, name: `User of ${converter.id}` }]);
      expect(data(await invoke(host, ADMIN, 'converters/get', { id: converter.id })).id).toBe(converter.id);
    });

    it('refuses to delete a datasource in use', async () => {
      expectError(await invoke(host, ADMIN, 'datasources/delete', { id: datasourceId }), 'IN_USE', 'datasource');
      expect(data(await invoke(host, ADMIN, 'datasources/get', { id: datasourceId })).secrets.token.configured).toBe(true);
    });
  });

  describe('load', () => {
    it('makes one upstream request for 50 concurrent runs', async () => {
      upstream.answer({ body: [{ key: 'LOAD-1' }], delayMs: 400 });
      const query = data(await invoke(host, ADMIN, 'queries/save', { draft: queryDraft(datasourceId, { url: '/load', cacheDuration: '5m' }) }));
      upstream.requests.length = 0;

      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, index) => invoke(host, index % 2 === 0 ? VIEWER : ADMIN, 'macro/run', { config: { queryId: query.id, parameters: {} } }, PAGE_CONTEXT)),
      );

      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
      expect(upstream.requests.filter((request) => request.url === '/load')).toHaveLength(1);
      for (const outcome of outcomes) expect(data(outcome).tables[0]?.rows).toEqual([['LOAD-1']]);
    });

    it('sends no retry storm to a 429', async () => {
      upstream.answer({ status: 429, body: { message: 'API rate limit exceeded' }, headers: { 'retry-after': '60' } });
      const query = data(await invoke(host, ADMIN, 'queries/save', { draft: queryDraft(datasourceId, { url: '/limited', cacheDuration: '5m' }) }));
      upstream.requests.length = 0;

      const concurrent = await Promise.all(
        Array.from({ length: 20 }, () => invoke(host, VIEWER, 'macro/run', { config: { queryId: query.id, parameters: {} } }, PAGE_CONTEXT)),
      );
      for (const outcome of concurrent) expectError(outcome, 'RATE_LIMITED', '429');
      const afterBurst = upstream.requests.length;

      for (let index = 0; index < 5; index += 1) {
        expectError(await invoke(host, VIEWER, 'macro/run', { config: { queryId: query.id, parameters: {} } }, PAGE_CONTEXT), 'RATE_LIMITED', '429');
      }

      // One request per distinct run at most, never a retry loop inside one.
      expect(afterBurst).toBeLessThanOrEqual(2);
      expect(upstream.requests.length).toBeLessThanOrEqual(afterBurst + 5);
      upstream.answer({ body: [] });
    });
  });

  describe('permissions over HTTP', () => {
    const ADMIN_CALLS: [ResolverKey, Record<string, unknown>][] = [
      ['datasources/list', {}],
      ['datasources/get', { id: 'x' }],
      ['datasources/save', { draft: datasourceDraft('https://api.example.com') }],
      ['datasources/delete', { id: 'x' }],
      ['datasources/test', { id: 'x' }],
      ['queries/list', {}],
      ['queries/save', { draft: queryDraft('x') }],
      ['queries/preview', { id: 'x', parameters: {} }],
      ['converters/test', { source: 'function convert() { return 1; }', sampleInput: '{}' }],
      ['templates/preview', { source: '$result', data: [] }],
      ['config/export', {}],
      ['config/import', { file: {}, dryRun: true }],
    ];

    it.each(ADMIN_CALLS)('%s refuses the viewer', async (key, payload) => {
      expectError(await invoke(host, VIEWER, key, payload), 'FORBIDDEN', 'administrators');
    });

    it('ignores an account id sent in the context', async () => {
      const response = await invoke(host, VIEWER, 'config/export', {}, { accountId: ADMIN, principal: { accountId: ADMIN }, accountType: 'licensed' });
      expectError(response, 'FORBIDDEN', 'administrators');
    });

    it('refuses a request without a user', async () => {
      const response = await fetch(`${host.url}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ functionKey: 'config/export' }) });
      expect(response.status).toBe(401);
    });

    it('refuses a cross-site request', async () => {
      const response = await fetch(`${host.url}/api/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-local-account-id': ADMIN, origin: 'https://evil.example' },
        body: JSON.stringify({ functionKey: 'config/export' }),
      });
      expect(response.status).toBe(403);
    });
  });

  describe('after hostile input', () => {
    it('still serves the next request', async () => {
      const hostile = await Promise.all([
        invoke(host, ADMIN, 'converters/test', { source: 'function convert() { const a = []; for (;;) a.push(new Array(1e6).fill(1)); }', sampleInput: '{}' }),
        invoke(host, ADMIN, 'converters/test', { source: 'function convert() { Promise.resolve().then(() => { for (;;) {} }); return 1; }', sampleInput: '{}' }),
        invoke(host, ADMIN, 'converters/test', { source: 'function convert() { const f = () => f(); return f(); }', sampleInput: '{}' }),
        invoke(host, ADMIN, 'templates/preview', { source: '#foreach($i in [1..100000])#foreach($j in [1..100])<td>$i</td>#end#end', data: [{ row: 1 }] }),
      ]);
      // On a busy machine a bomb can reach the time limit before the memory or output limit; either refusal is right.
      const codes = hostile.map((response) => (response.ok ? 'ok' : response.error.code));
      expect(['CONVERTER_MEMORY', 'CONVERTER_TIMEOUT']).toContain(codes[0]);
      expect(codes[1]).toBe('CONVERTER_TIMEOUT');
      expect(codes[2]).toBe('CONVERTER_ERROR');
      expect(['TEMPLATE_OUTPUT_TOO_LARGE', 'TEMPLATE_TIMEOUT']).toContain(codes[3]);

      const query = data(await invoke(host, ADMIN, 'queries/save', { draft: queryDraft(datasourceId, { url: '/after-hostile' }) }));
      const response = await invoke(host, VIEWER, 'macro/run', { config: { queryId: query.id, parameters: {} } }, PAGE_CONTEXT);
      expect(response.ok, JSON.stringify(response)).toBe(true);
    });
  });

  describe('secrets at rest', () => {
    it('stay out of the database files and the log', async () => {
      const { readdirSync, readFileSync } = await import('node:fs');
      const { join } = await import('node:path');
      const files = readdirSync(host.dataDir).filter((name) => name !== 'secret.key');
      expect(files.some((name) => name.startsWith('local.sqlite'))).toBe(true);

      for (const name of files) expect(readFileSync(join(host.dataDir, name)).includes('local-host-token'), name).toBe(false);
      expect(host.output()).not.toContain('local-host-token');
    });
  });

  // Last, because it kills the host this file shares.
  describe('after SIGKILL', () => {
    it('keeps every acknowledged datasource and its secret', async () => {
      const acknowledged: { id: string; token: string }[] = [];
      let stop = false;

      // Two writers create datasources with a token each, one after another.
      const writers = [0, 1].map(async (writer) => {
        for (let index = 0; !stop; index += 1) {
          const token = `kill-token-${writer}-${index}`;
          const response = await invoke(host, ADMIN, 'datasources/save', {
            draft: datasourceDraft('https://api.example.com', { name: `Killed ${writer}-${index}` }),
            secrets: { token },
          }).catch(() => undefined);
          if (!response?.ok) return;
          acknowledged.push({ id: response.data.id, token });
        }
      });

      // Kill once a few saves are acknowledged, however slow the machine is.
      const deadline = Date.now() + 20_000;
      while (acknowledged.length < 8 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await host.kill();
      stop = true;
      await Promise.all(writers);
      expect(acknowledged.length).toBeGreaterThan(5);

      host = await startLocalHost({ dataDir: host.dataDir, privateHostsAllowed: [`127.0.0.1:${upstream.port}`] });
      const listed = new Set(data(await invoke(host, ADMIN, 'datasources/list', {})).items.map((item) => item.id));
      for (const entry of acknowledged) {
        expect(listed.has(entry.id), entry.id).toBe(true);
        const view = data(await invoke(host, ADMIN, 'datasources/get', { id: entry.id }));
        expect(view.secrets.token.configured, entry.id).toBe(true);
      }

      // The secret itself survived, not only its flag: the datasource still authenticates.
      const run = await invoke(host, ADMIN, 'datasources/test', { id: datasourceId });
      expect(data(run).ok).toBe(true);
    }, 90_000);
  });
});
