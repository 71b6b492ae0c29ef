// The SSRF matrix: loopback, private, link-local and unique-local targets in
// every spelling are refused before any connection, at save time, at run time
// and on a redirect hop, unless the deployment's network policy allows that
// exact host. Nothing here connects anywhere but 127.0.0.1: refused targets
// are caught by the app's guard, and a test gate behind it stops anything
// else before a socket opens.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createNodeFetch } from '../../src/core/http/node-transport';
import { isAppError } from '../../src/errors/app-error';
import { UsageError, parseHostOptions } from '../../src/local/options';
import { startTestServer, sendJson, type TestServer } from '../support/https-server';
import { PAGES, createBench, type Bench } from './support/bench';
import { describe as describeError, expectError } from './support/expect-error';
import { datasourceDraft, queryDraft } from './support/drafts';
import { startEchoServer, type EchoServer } from './support/echo-server';

/** A name the bench's injected lookup resolves to 127.0.0.1; `.invalid` never resolves in real DNS. */
const LOOPBACK_NAME = 'loopback.security.invalid';

/** [label, host as written in a URL]. Ports are added per case. */
const TARGETS: [string, string][] = [
  ['localhost', 'localhost'],
  ['localhost with trailing dot', 'localhost.'],
  ['127.0.0.1', '127.0.0.1'],
  ['127.1.2.3 in 127/8', '127.1.2.3'],
  ['127.255.255.254 in 127/8', '127.255.255.254'],
  ['0.0.0.0', '0.0.0.0'],
  ['IPv6 loopback', '[::1]'],
  ['IPv6 unspecified', '[::]'],
  ['IPv4-mapped loopback', '[::ffff:127.0.0.1]'],
  ['IPv4-mapped private', '[::ffff:10.0.0.1]'],
  ['10.0.0.1 in 10/8', '10.0.0.1'],
  ['10.255.255.254 in 10/8', '10.255.255.254'],
  ['172.16.0.1 in 172.16/12', '172.16.0.1'],
  ['172.31.255.254 in 172.16/12', '172.31.255.254'],
  ['192.168.0.1 in 192.168/16', '192.168.0.1'],
  ['192.168.255.254 in 192.168/16', '192.168.255.254'],
  ['metadata 169.254.169.254', '169.254.169.254'],
  ['fd00::1 in fd00::/8', '[fd00::1]'],
  ['fdff:: in fd00::/8', '[fdff:ffff::1]'],
  ['decimal 2130706433', '2130706433'],
  ['octal 0177.0.0.1', '0177.0.0.1'],
  ['hex 0x7f.1', '0x7f.1'],
  ['hex 0x7f000001', '0x7f000001'],
  ['decimal metadata 2852039166', '2852039166'],
  ['metadata.google.internal', 'metadata.google.internal'],
];

/** The host as the URL parser normalizes it; messages name this form. */
function normalizedHost(host: string): string {
  return new URL(`https://${host}/`).hostname;
}

describe('SSRF guard', () => {
  let bench: Bench;
  let counter: TestServer;

  beforeAll(async () => {
    counter = await startTestServer({ routes: { '/': ({ res }) => sendJson(res, 200, { reached: true }) } });
    bench = await createBench({ loopbackNames: [LOOPBACK_NAME] });
  });
  afterAll(async () => {
    await bench.close();
    await counter.close();
  });
  beforeEach(() => {
    bench.network.privateHostsAllowed.length = 0;
    bench.outbound.length = 0;
  });

  describe('at save', () => {
    it.each(TARGETS)('refuses %s', async (_label, host) => {
      const baseUrl = `https://${host}:${counter.port}`;
      const response = await bench.call('datasources/save', { draft: datasourceDraft(baseUrl) });

      const error = expectError(response, 'VALIDATION_FAILED', normalizedHost(host));
      expect(error.details?.problems?.some((problem) => problem.field === 'baseUrl')).toBe(true);
      expect((await bench.store.list('datasource')).items).toEqual([]);
    });
  });

  describe('at run', () => {
    // The record was saved while the policy allowed the host, then the
    // operator removed it: the request must be refused before it is sent.
    it.each(TARGETS)('refuses %s', async (_label, host) => {
      const { queryId } = await saveTamperedQuery(bench, counter, `https://${host}:${counter.port}`);
      const before = counter.connectionCount();

      const response = await bench.call('macro/run', { config: { queryId, parameters: {} } }, { pageId: PAGES.eng.id });

      expectError(response, 'HOST_NOT_ALLOWED', normalizedHost(host));
      expect(bench.outbound).toEqual([]);
      expect(counter.connectionCount()).toBe(before);
    });

    it('refuses a name resolving to loopback', async () => {
      const { queryId } = await saveQuery(bench, `https://${LOOPBACK_NAME}:${counter.port}`);
      const before = counter.connectionCount();

      const response = await bench.call('macro/run', { config: { queryId, parameters: {} } }, { pageId: PAGES.eng.id });

      const error = expectError(response, 'HOST_NOT_ALLOWED', LOOPBACK_NAME, '127.0.0.1');
      expect(error.message).toContain('loopback');
      expect(counter.connectionCount()).toBe(before);
    });

    it('reaches a host the policy allows', async () => {
      const { queryId } = await saveQuery(bench, counter.url, { privateHost: `127.0.0.1:${counter.port}` });
      const before = counter.requests.length;

      const response = await bench.call('macro/run', { config: { queryId, parameters: {} } }, { pageId: PAGES.eng.id });

      expect(response.ok, JSON.stringify(response)).toBe(true);
      expect(counter.requests.length).toBe(before + 1);
    });

    it('allows only the listed port', async () => {
      const { queryId } = await saveTamperedQuery(bench, counter, counter.url);
      bench.network.privateHostsAllowed.push('127.0.0.1:1');

      const response = await bench.call('macro/run', { config: { queryId, parameters: {} } }, { pageId: PAGES.eng.id });

      expectError(response, 'HOST_NOT_ALLOWED', `127.0.0.1:${counter.port}`);
    });
  });

  describe('on redirect', () => {
    let origin: TestServer;

    beforeAll(async () => {
      origin = await startTestServer();
      origin.route('/hop', ({ res, url }) => {
        res.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
        res.end();
      });
    });
    afterAll(() => origin.close());

    // The datasource lists the target as an allowed host too, so only the
    // private-address rule stands between the hop and the connection.
    it.each(TARGETS)('refuses a hop to %s', async (_label, host) => {
      const target = `https://${host}:${counter.port}/`;
      const { queryId } = await saveQuery(bench, origin.url, {
        url: `/hop?to=${encodeURIComponent(target)}`,
        allowedHosts: [{ host: `127.0.0.1:${origin.port}` }, { host: `${normalizedHost(host)}:${counter.port}` }],
        privateHost: `127.0.0.1:${origin.port}`,
      }).catch(() =>
        // Host patterns cannot express a few spellings (a trailing dot); the hop then fails the allowed-hosts rule instead.
        saveQuery(bench, origin.url, { url: `/hop?to=${encodeURIComponent(target)}`, privateHost: `127.0.0.1:${origin.port}` }),
      );
      const before = counter.connectionCount();

      const response = await bench.call('macro/run', { config: { queryId, parameters: {} } }, { pageId: PAGES.eng.id });

      const error = expectError(response, 'HOST_NOT_ALLOWED', normalizedHost(host));
      expect(bench.outbound).toHaveLength(1);
      expect(bench.outbound[0]).toContain(`127.0.0.1:${origin.port}/hop`);
      expect(counter.connectionCount()).toBe(before);
      expect(describeError(error)).not.toContain('BlockedByGate');
    });

    it('refuses a hop to an unlisted host', async () => {
      const { queryId } = await saveQuery(bench, origin.url, {
        url: `/hop?to=${encodeURIComponent(`${counter.url}/`)}`,
        privateHost: `127.0.0.1:${origin.port}`,
      });
      bench.network.privateHostsAllowed.push(`127.0.0.1:${counter.port}`);
      const before = counter.connectionCount();

      const response = await bench.call('macro/run', { config: { queryId, parameters: {} } }, { pageId: PAGES.eng.id });

      expectError(response, 'HOST_NOT_ALLOWED', `127.0.0.1:${counter.port}`);
      expect(bench.outbound).toHaveLength(1);
      expect(counter.connectionCount()).toBe(before);
    });

    it('refuses a hop to another scheme', async () => {
      const { queryId } = await saveQuery(bench, origin.url, { url: `/hop?to=${encodeURIComponent('file:///etc/passwd')}`, privateHost: `127.0.0.1:${origin.port}` });

      const response = await bench.call('macro/run', { config: { queryId, parameters: {} } }, { pageId: PAGES.eng.id });

      expectError(response, 'HOST_NOT_ALLOWED', 'file');
      expect(bench.outbound).toHaveLength(1);
    });
  });

  describe('in the Node transport', () => {
    // The transport is the last line: it refuses loopback forms by address,
    // also when the REST client's checks are bypassed. Only loopback forms
    // are tried here, so even a failure could only reach the counting server.
    const LOOPBACK_FORMS = ['127.0.0.1', '127.0.0.2', '2130706433', '0177.0.0.1', '0x7f.1', '[::ffff:127.0.0.1]', 'localhost', LOOPBACK_NAME];

    it.each(LOOPBACK_FORMS)('refuses %s by address', async (host) => {
      const lookups: string[] = [];
      const fetch = createNodeFetch({
        policy: { privateHostsAllowed: [] },
        lookup: (hostname, _options, callback) => {
          lookups.push(hostname);
          callback(null, [{ address: '127.0.0.1', family: 4 }]);
        },
      });
      const before = counter.connectionCount();

      const outcome = await fetch(`https://${host}:${counter.port}/`, {
        method: 'GET',
        headers: {},
        redirect: 'manual',
        signal: AbortSignal.timeout(2000),
      }).then(
        () => undefined,
        (error: unknown) => error,
      );

      expect(isAppError(outcome) && outcome.code).toBe('HOST_NOT_ALLOWED');
      expect(counter.connectionCount()).toBe(before);
    });
  });
});

interface QueryOptions {
  url?: string;
  allowedHosts?: { host: string }[];
  /** Added to the policy for this query's runs. */
  privateHost?: string;
}

/** Saves a datasource and a query; the datasource save goes through the normal checks. */
async function saveQuery(bench: Bench, baseUrl: string, options: QueryOptions = {}): Promise<{ datasourceId: string; queryId: string }> {
  if (options.privateHost) bench.network.privateHostsAllowed.push(options.privateHost);
  const datasource = await bench.admin('datasources/save', {
    draft: datasourceDraft(baseUrl, { allowedHosts: options.allowedHosts ?? [] }),
    secrets: { token: 'ssrf-test-token' },
  });
  const query = await bench.admin('queries/save', { draft: queryDraft(datasource.id, { url: options.url ?? '/' }) });
  bench.outbound.length = 0;
  return { datasourceId: datasource.id, queryId: query.id };
}

/**
 * Saves a query on a datasource that reaches the counting server, then points
 * the stored record at `baseUrl` directly, as a record saved under an older,
 * looser policy would be. The run must refuse it on its own.
 */
async function saveTamperedQuery(bench: Bench, counter: TestServer, baseUrl: string): Promise<{ datasourceId: string; queryId: string }> {
  const saved = await saveQuery(bench, counter.url, { privateHost: `127.0.0.1:${counter.port}` });
  bench.network.privateHostsAllowed.length = 0;

  const record = await bench.store.get<Record<string, unknown>>('datasource', saved.datasourceId);
  if (!record) throw new Error('The saved datasource is missing from the store.');
  await bench.store.put('datasource', saved.datasourceId, { ...record.value, baseUrl, allowedHosts: [] }, record.version);
  return saved;
}

describe('egress and deployment policy', () => {
  it('refuses a host the manifest does not declare', async () => {
    const bench = await createBench();
    try {
      const datasource = await bench.admin('datasources/save', { draft: datasourceDraft('https://api.example.com'), secrets: { token: 'egress-token' } });
      const query = await bench.admin('queries/save', { draft: queryDraft(datasource.id) });
      bench.network.egressAllowList = ['*.atlassian.net'];

      const response = await bench.call('macro/run', { config: { queryId: query.id, parameters: {} } }, { pageId: PAGES.eng.id });

      const error = expectError(response, 'EGRESS_NOT_DECLARED', 'api.example.com');
      expect(error.details?.egressEntry).toContain('api.example.com');
      expect(bench.outbound).toEqual([]);
    } finally {
      await bench.close();
    }
  });

  it.each(['10.0.0.1:443', '169.254.169.254:80', 'example.com:443', '127.0.0.1', '*.internal:443'])('local host flag refuses %s', (entry) => {
    expect(() => parseHostOptions(['--allow-private-host', entry])).toThrow(UsageError);
  });

  it('local host flag accepts a loopback port', () => {
    const options = parseHostOptions(['--allow-private-host', '127.0.0.1:9443']);
    expect(options !== 'help' && options.privateHostsAllowed).toEqual(['127.0.0.1:9443']);
  });
});

describe('path confinement', () => {
  let bench: Bench;
  let echo: EchoServer;
  let datasourceId: string;

  beforeAll(async () => {
    echo = await startEchoServer();
    bench = await createBench({ privateHostsAllowed: [`127.0.0.1:${echo.port}`] });
    datasourceId = (await bench.admin('datasources/save', { draft: datasourceDraft(`${echo.url}/api`), secrets: { token: 'path-token' } })).id;
  });
  afterAll(async () => {
    await bench.close();
    await echo.close();
  });

  it.each(['/../admin', '/%2e%2e/admin', '/.%2E/admin', '/./../admin', '/x/../../admin'])('refuses %s above the base path', async (url) => {
    const saved = await bench.call('queries/save', { draft: queryDraft(datasourceId, { url }) });
    if (!saved.ok) {
      expectError(saved, 'VALIDATION_FAILED', 'url');
      return;
    }
    const response = await bench.call('macro/run', { config: { queryId: saved.data.id, parameters: {} } }, { pageId: PAGES.eng.id });

    expectError(response, 'HOST_NOT_ALLOWED', 'base URL');
    expect(echo.requests).toEqual([]);
  });

  it('reaches a path below the base path', async () => {
    const saved = await bench.admin('queries/save', { draft: queryDraft(datasourceId, { url: '/issues/../search' }) });
    const response = await bench.call('macro/run', { config: { queryId: saved.id, parameters: {} } }, { pageId: PAGES.eng.id });

    expect(response.ok, JSON.stringify(response)).toBe(true);
    expect(echo.requests.map((request) => request.url)).toEqual(['/api/search']);
  });
});
