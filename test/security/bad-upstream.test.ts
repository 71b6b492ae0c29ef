// Bad upstream responses, served by real HTTPS servers on 127.0.0.1 and run
// through macro/run: every failure ends in a stable code whose message names
// the status or limit and says what to do, odd but valid bodies still
// render, and after each group a good request is answered.

import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ErrorCode } from '../../src/contract/errors';
import { createSelfSignedCertificate } from '../../src/core/http/self-signed-cert';
import { fixtureRoute, readFixture, sendJson, sendText, startTestServer, type RouteHandler, type TestServer } from '../support/https-server';
import { PAGES, createBench, type Bench } from './support/bench';
import { datasourceDraft, queryDraft } from './support/drafts';
import { expectError } from './support/expect-error';

const LOGIN_PAGE = '<!DOCTYPE html><html><head><title>Log in - Jira</title></head><body><form action="/login.jsp"></form></body></html>';

/** [shape, content type, body, the text the error should quote]. Shapes are the error envelopes of real APIs. */
const BODY_SHAPES: [string, string, string, string][] = [
  ['Jira errorMessages', 'application/json', readFixture('jira_error_404_issue_not_found_go-jira.json').toString('utf8'), 'Issue does not exist'],
  ['Jira field errors', 'application/json', readFixture('jira_error_400_field_errors_jira-ruby.json').toString('utf8'), "Field 'invalid' is not valid"],
  ['GitHub message', 'application/json', JSON.stringify({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }), 'Bad credentials'],
  ['Prometheus error', 'application/json', JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }), 'parse error at char 3'],
  ['plain text', 'text/plain', 'Service temporarily unavailable, come back later', 'Service temporarily unavailable'],
  ['HTML page', 'text/html', LOGIN_PAGE, 'Log in - Jira'],
];

const STATUS_CODES: [number, ErrorCode][] = [
  [401, 'AUTH_FAILED'],
  [403, 'UPSTREAM_FORBIDDEN'],
  [404, 'NOT_FOUND'],
  [429, 'RATE_LIMITED'],
  [500, 'UPSTREAM_ERROR'],
  [502, 'UPSTREAM_ERROR'],
  [503, 'UPSTREAM_ERROR'],
];

const STATUS_CASES = STATUS_CODES.flatMap(([status, code]) =>
  BODY_SHAPES.map(([shape, contentType, body, quoted]) => [`${status} with ${shape}`, status, code, contentType, body, quoted] as const),
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ROUTES: Record<string, RouteHandler> = {
  '/ok': ({ res }) => sendJson(res, 200, [{ key: 'OK-1' }]),
  '/status': ({ res, url }) => {
    const status = Number(url.searchParams.get('status'));
    const shape = BODY_SHAPES[Number(url.searchParams.get('shape'))]!;
    sendText(res, status, shape[2], `${shape[1]};charset=UTF-8`, status === 429 ? { 'retry-after': '30' } : {});
  },
  '/text': ({ res }) => sendText(res, 200, 'just some text', 'text/plain'),
  '/login': ({ res }) => sendText(res, 200, LOGIN_PAGE, 'text/html;charset=UTF-8'),
  '/html-as-json': ({ res }) => sendText(res, 200, LOGIN_PAGE, 'application/json'),
  '/xml': ({ res }) => sendText(res, 200, '<?xml version="1.0"?><issues><issue key="A-1"/></issues>', 'application/xml'),
  '/broken-json': ({ res }) => sendText(res, 200, '{"issues": [1, 2,', 'application/json'),
  '/trailing-garbage': ({ res }) => sendText(res, 200, '{"a":1} {"b":2}', 'application/json'),
  '/no-content-type': ({ res }) => {
    res.writeHead(200);
    res.end('binary?\u0000\u0001');
  },
  '/empty-200': ({ res }) => sendText(res, 200, '', 'application/json'),
  '/no-content': ({ res }) => {
    res.writeHead(204);
    res.end();
  },
  '/bom': fixtureRoute('jsontestsuite_i_structure_UTF-8_BOM_empty_object.json'),
  '/deep': fixtureRoute('jsontestsuite_i_structure_500_nested_arrays.json'),
  '/deeper': ({ res }) => sendText(res, 200, `${'['.repeat(20_000)}${']'.repeat(20_000)}`, 'application/json'),
  '/bigint': fixtureRoute('twitter_v1_ids_cursor_bigint.ANONYMIZED.json'),
  '/invalid-utf8': ({ res }) => sendText(res, 200, Buffer.concat([Buffer.from('[{"name":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}]')]), 'application/json'),
  '/slow-headers': async ({ res }) => {
    await sleep(3000);
    if (!res.destroyed) sendJson(res, 200, []);
  },
  '/slow-drip': async ({ res }) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('[');
    for (let index = 0; index < 30 && !res.destroyed; index += 1) {
      await sleep(100);
      res.write(`${index},`);
    }
    res.end('0]');
  },
  '/endless': ({ res }) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    res.write('[');
    pump();
  },
  '/gzip-bomb': ({ res }) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    const gzip = createGzip();
    gzip.pipe(res);
    gzip.write('[');
    gzip.end(Buffer.alloc(50 * 1024 * 1024, 0x20));
  },
  '/lying-length': ({ res }) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('[1,2,');
    setTimeout(() => res.destroy(), 20);
  },
  '/reset': ({ res }) => {
    res.socket?.destroy();
  },
  '/loop': ({ res }) => {
    res.writeHead(302, { location: '/loop' });
    res.end();
  },
  '/ping-pong-a': ({ res }) => {
    res.writeHead(301, { location: '/ping-pong-b' });
    res.end();
  },
  '/ping-pong-b': ({ res }) => {
    res.writeHead(307, { location: '/ping-pong-a' });
    res.end();
  },
  '/elsewhere': ({ res }) => {
    res.writeHead(302, { location: 'https://other.example.com/steal' });
    res.end();
  },
  '/down-to-http': ({ res, req }) => {
    res.writeHead(302, { location: `http://${req.headers.host}/ok` });
    res.end();
  },
  '/redirect-no-location': ({ res }) => {
    res.writeHead(302);
    res.end();
  },
  '/teapot': ({ res }) => sendJson(res, 418, { message: "I'm a teapot" }),
  // Patterns that look for a title or message fail slowly on many unclosed tags.
  '/title-bomb': ({ res }) => sendText(res, 200, `<html>${'<title>'.repeat(300_000)}`, 'text/html'),
  '/title-bomb-401': ({ res }) => sendText(res, 401, `<html>${'<title>'.repeat(300_000)}`, 'text/html'),
  '/message-bomb-500': ({ res }) => sendText(res, 500, `<?xml version="1.0"?>${'<message>'.repeat(200_000)}`, 'application/xml'),
  '/weird-status': ({ res }) => sendJson(res, 599, { message: 'network read timeout' }),
};

describe('bad upstream responses', () => {
  let bench: Bench;
  let upstream: TestServer;
  let datasourceId: string;
  let slowDatasourceId: string;
  let bigDatasourceId: string;

  beforeAll(async () => {
    upstream = await startTestServer({ routes: ROUTES });
    bench = await createBench({ privateHostsAllowed: [`127.0.0.1:${upstream.port}`] });
    datasourceId = (await bench.admin('datasources/save', { draft: datasourceDraft(upstream.url, { maxResponseBytes: 64 * 1024 }), secrets: { token: 'upstream-token' } })).id;
    slowDatasourceId = (await bench.admin('datasources/save', { draft: datasourceDraft(upstream.url, { timeoutMs: 1000 }), secrets: { token: 'upstream-token' } })).id;
    bigDatasourceId = (await bench.admin('datasources/save', { draft: datasourceDraft(upstream.url, { maxResponseBytes: 5 * 1024 * 1024 }), secrets: { token: 'upstream-token' } })).id;
  });
  afterAll(async () => {
    await bench.close();
    await upstream.close();
  });

  async function run(path: string, onDatasource = datasourceId) {
    const query = await bench.admin('queries/save', { draft: queryDraft(onDatasource, { url: path }) });
    return bench.call('macro/run', { config: { queryId: query.id, parameters: {} } }, { pageId: PAGES.eng.id });
  }

  async function expectGoodRequest() {
    const response = await run('/ok');
    expect(response.ok, JSON.stringify(response)).toBe(true);
  }

  describe('error statuses', () => {
    it.each(STATUS_CASES)('%s', async (_name, status, code, _type, _body, quoted) => {
      const shape = BODY_SHAPES.findIndex((entry) => entry[3] === quoted);
      const response = await run(`/status?status=${status}&shape=${shape}`);

      const error = expectError(response, code, String(status));
      expect(`${error.message} ${error.details?.upstreamMessage ?? ''}`).toContain(quoted);
      expect(error.details?.status).toBe(status);
      if (status === 429) expect(error.details?.retryAfterSeconds).toBe(30);
    });

    it.each([
      ['418 teapot', '/teapot', 'UPSTREAM_CLIENT_ERROR', '418'],
      ['599 unknown status', '/weird-status', 'UPSTREAM_ERROR', '599'],
    ] as const)('%s', async (_name, path, code, fragment) => {
      expectError(await run(path), code, fragment);
    });

    it('answers a good request after', expectGoodRequest);
  });

  describe('bodies', () => {
    it.each([
      ['plain text', '/text', 'UNEXPECTED_CONTENT', 'plain text'],
      ['HTML login page', '/login', 'UNEXPECTED_CONTENT', 'HTML'],
      ['HTML labelled JSON', '/html-as-json', 'UNEXPECTED_CONTENT', 'HTML'],
      ['XML', '/xml', 'UNEXPECTED_CONTENT', 'XML'],
      ['truncated JSON', '/broken-json', 'INVALID_JSON', 'JSON'],
      ['two JSON documents', '/trailing-garbage', 'INVALID_JSON', 'JSON'],
      ['no content type', '/no-content-type', 'INVALID_JSON', 'not valid JSON'],
      ['empty body with 200', '/empty-200', 'INVALID_JSON', 'empty'],
      ['204 no content', '/no-content', 'INVALID_JSON', 'empty'],
      ['invalid UTF-8', '/invalid-utf8', 'INVALID_JSON', 'UTF-8'],
    ] as const)('refuses %s', async (_name, path, code, fragment) => {
      expectError(await run(path), code, fragment);
    });

    it.each([
      ['UTF-8 BOM', '/bom'],
      ['500-deep nesting', '/deep'],
      ['20000-deep nesting', '/deeper'],
      ['numbers beyond 2^53', '/bigint'],
    ])('renders %s', async (_name, path) => {
      const response = await run(path);
      expect(response.ok, JSON.stringify(response).slice(0, 500)).toBe(true);
    });

    it.each([
      ['deep nesting', '/deeper'],
      ['invalid UTF-8', '/invalid-utf8'],
      ['an HTML login page', '/login'],
    ])('previews %s', async (_name, path) => {
      const query = await bench.admin('queries/save', { draft: queryDraft(datasourceId, { url: path }) });
      const response = await bench.call('queries/preview', { id: query.id, parameters: {} });
      expect(response.ok, JSON.stringify(response).slice(0, 500)).toBe(true);
    });

    // Printing a 20000-deep array as text overflows the stack in Array.prototype.join; the
    // renderer reports that at its line instead of failing the process.
    it('reports deep nesting printed by a template', async () => {
      const template = await bench.admin('templates/save', { draft: { kind: 'template', name: `Deep ${Date.now()}`, description: '', source: '#foreach($row in $result)<p>$row</p>#end' } });
      const query = await bench.admin('queries/save', { draft: queryDraft(datasourceId, { url: '/deeper', templateId: template.id }) });
      const response = await bench.call('macro/run', { config: { queryId: query.id, parameters: {} } }, { pageId: PAGES.eng.id });
      expectError(response, 'TEMPLATE_ERROR', 'line 1');
    });

    it('answers a good request after', expectGoodRequest);
  });

  describe('transport', () => {
    it.each([
      ['slow headers', '/slow-headers', 'TIMEOUT', '1000'],
      ['slow drip', '/slow-drip', 'TIMEOUT', '1000'],
    ] as const)('refuses %s', async (_name, path, code, fragment) => {
      const started = Date.now();
      expectError(await run(path, slowDatasourceId), code, fragment);
      expect(Date.now() - started).toBeLessThan(2500);
    });

    it.each([
      ['endless body', '/endless', 'TOO_LARGE', String(64 * 1024)],
      ['gzip bomb', '/gzip-bomb', 'TOO_LARGE', String(64 * 1024)],
      ['connection reset', '/reset', 'CONNECTION_FAILED', '127.0.0.1'],
      ['body shorter than its length', '/lying-length', 'CONNECTION_FAILED', '127.0.0.1'],
      ['redirect loop', '/loop', 'TOO_MANY_REDIRECTS', '5'],
      ['redirect ping-pong', '/ping-pong-a', 'TOO_MANY_REDIRECTS', '5'],
      ['redirect to another host', '/elsewhere', 'HOST_NOT_ALLOWED', 'other.example.com'],
      ['redirect down to http', '/down-to-http', 'INSECURE_HTTP', 'http'],
    ] as const)('refuses %s', async (_name, path, code, fragment) => {
      expectError(await run(path), code, fragment);
    });

    it.each([
      ['a page of unclosed titles', '/title-bomb', 'UNEXPECTED_CONTENT', 'HTML'],
      ['a 401 page of unclosed titles', '/title-bomb-401', 'AUTH_FAILED', '401'],
      ['a 500 of unclosed XML messages', '/message-bomb-500', 'UPSTREAM_ERROR', '500'],
    ] as const)('reads %s quickly', async (_name, path, code, fragment) => {
      const started = Date.now();
      expectError(await run(path, bigDatasourceId), code, fragment);
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('refuses a redirect without location', async () => {
      expectError(await run('/redirect-no-location'), 'UPSTREAM_CLIENT_ERROR', '302');
    });

    it('refuses a closed port', async () => {
      const closed = await startTestServer();
      await closed.close();
      bench.network.privateHostsAllowed.push(`127.0.0.1:${closed.port}`);
      const id = (await bench.admin('datasources/save', { draft: datasourceDraft(closed.url), secrets: { token: 'upstream-token' } })).id;
      expectError(await run('/', id), 'CONNECTION_FAILED', `127.0.0.1:${closed.port}`);
    });

    it('refuses an untrusted certificate', async () => {
      // The bench trusts the shared test certificate; a server with a fresh one is a stranger.
      const other = await createSelfSignedCertificate();
      const https = await import('node:https');
      const server = https.createServer({ key: other.key, cert: other.cert }, (_req, res) => sendJson(res, 200, []));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      bench.network.privateHostsAllowed.push(`127.0.0.1:${port}`);
      const id = (await bench.admin('datasources/save', { draft: datasourceDraft(`https://127.0.0.1:${port}`), secrets: { token: 'upstream-token' } })).id;

      expectError(await run('/', id), 'TLS_ERROR', `127.0.0.1:${port}`);

      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('refuses plain http on an https datasource', async () => {
      const plain = await startTestServer({ protocol: 'http', routes: { '/': ({ res }) => sendJson(res, 200, []) } });
      bench.network.privateHostsAllowed.push(`127.0.0.1:${plain.port}`);
      const id = (await bench.admin('datasources/save', { draft: datasourceDraft(`https://127.0.0.1:${plain.port}`), secrets: { token: 'upstream-token' } })).id;

      expectError(await run('/', id), 'TLS_ERROR', `127.0.0.1:${plain.port}`);
      await plain.close();
    });

    it('answers a good request after', expectGoodRequest);
  });
});
