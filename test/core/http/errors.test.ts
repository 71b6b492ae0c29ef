import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../../../src/core/http';
import { fixtureRoute, readFixture, sendJson, sendText, startTestServer, type TestServer } from '../../support/https-server';
import { datasourceFor, depsFor, failure, storeSecret } from './helpers';

const TOKEN = 'tok_secret_9d8c7b6a';

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

describe('sendRequest errors', () => {
  let server: TestServer;
  let untrusted: TestServer;
  let plain: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      routes: {
        '/401-json': fixtureRoute('jira_error_404_issue_not_found_go-jira.json', 401),
        '/401-text': ({ res }) => sendText(res, 401, 'Unauthorized: token expired or invalid', 'text/plain'),
        '/401-html': ({ res }) => sendText(res, 401, '<!DOCTYPE html><html><head><title>Log in - Jira</title></head><body>Please log in</body></html>', 'text/html;charset=UTF-8'),
        '/401-echo': ({ req, res }) => sendJson(res, 401, { message: `Invalid token ${String(req.headers.authorization)}` }),
        '/403': ({ res }) => sendJson(res, 403, { errorMessages: ['You do not have permission to view this board.'], errors: {} }),
        '/403-bare': ({ res }) => {
          res.writeHead(403);
          res.end();
        },
        '/403-github-rate': ({ res }) =>
          sendJson(res, 403, { message: 'API rate limit exceeded for 127.0.0.1.', documentation_url: 'https://docs.github.com/rest' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 120) }),
        '/404': fixtureRoute('jira_error_404_issue_not_found_go-jira.json', 404),
        '/400': fixtureRoute('jira_error_400_field_errors_jira-ruby.json', 400),
        '/422': ({ res }) => {
          const recorded = JSON.parse(readFixture('github_error_422_validation_octokit_fixture.json').toString('utf8')) as { response: unknown }[];
          const entry = recorded.find((item) => (item as { status?: number }).status === 422) ?? recorded[0];
          sendJson(res, 422, (entry as { response: unknown }).response);
        },
        '/429': ({ res }) => sendJson(res, 429, { message: 'Too many requests' }, { 'retry-after': '30' }),
        '/500-prometheus': ({ res }) => sendJson(res, 500, { status: 'error', errorType: 'internal', error: 'query processing would load too many samples into memory' }),
        '/503': ({ res }) => sendText(res, 503, 'Service Unavailable', 'text/plain', { 'retry-after': '5' }),
        '/slow-headers': async ({ res }) => {
          await sleep(1500);
          if (!res.destroyed) sendJson(res, 200, {});
        },
        '/slow-drip': async ({ res }) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('[');
          for (let index = 0; index < 30 && !res.destroyed; index += 1) {
            res.write(`${index},`);
            await sleep(100);
          }
          if (!res.destroyed) res.end('0]');
        },
        '/large-declared': ({ res }) => sendText(res, 200, Buffer.alloc(2048 * 1024, 32), 'application/json'),
        '/large-chunked': async ({ res }) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          const chunk = Buffer.alloc(64 * 1024, 32);
          for (let index = 0; index < 64 && !res.destroyed; index += 1) {
            if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
          }
          res.end();
        },
        '/gzip-bomb': ({ res }) => {
          const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 32));
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
          res.end(bomb);
        },
        '/login-page': ({ res }) => sendText(res, 200, '<html><head><title>Sign in to your account</title></head><body><form action="/login"></form></body></html>', 'text/html'),
        '/plain': ({ res }) => sendText(res, 200, 'OK everything fine', 'text/plain'),
        '/plain-json': ({ res }) => sendText(res, 200, '{"a":1}', 'text/plain'),
        '/xml': ({ res }) => sendText(res, 200, '<?xml version="1.0"?><response><item>1</item></response>', 'application/xml'),
        '/broken-json': ({ res }) => sendText(res, 200, '{"issues": [1, 2', 'application/json'),
        '/bad-utf8': ({ res }) => sendText(res, 200, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json'),
        '/loop': ({ res }) => {
          res.writeHead(302, { location: '/loop' });
          res.end();
        },
        '/redirect-away': ({ res }) => {
          res.writeHead(302, { location: 'https://evil.example.net/steal' });
          res.end();
        },
        '/redirect-metadata': ({ res }) => {
          res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' });
          res.end();
        },
        '/redirect-http': ({ res }) => {
          res.writeHead(301, { location: `http://127.0.0.1:${server.port}/rest/api/2/serverInfo` });
          res.end();
        },
        '/bad-location': ({ res }) => {
          res.writeHead(302, { location: 'https://[not-an-address/x' });
          res.end();
        },
        '/ok': fixtureRoute('jira_serverinfo_cloud_jira-cli.json'),
      },
    });
    untrusted = await startTestServer({ routes: { '/ok': fixtureRoute('jira_serverinfo_cloud_jira-cli.json') } });
    plain = await startTestServer({ protocol: 'http', routes: { '/ok': fixtureRoute('jira_serverinfo_cloud_jira-cli.json') } });
  });

  afterAll(async () => {
    await Promise.all([server.close(), untrusted.close(), plain.close()]);
  });

  async function get(path: string, overrides: Parameters<typeof datasourceFor>[1] = {}) {
    return failure(sendRequest(depsFor([server]), datasourceFor(server, overrides), { method: 'GET', path }));
  }

  describe('upstream status', () => {
    it('reports AUTH_FAILED with the Jira message', async () => {
      const error = await get('/401-json');
      expect(error.code).toBe('AUTH_FAILED');
      expect(error.message).toBe(`127.0.0.1:${server.port} rejected the credentials (HTTP 401). It said: Issue does not exist or you do not have permission to see it.`);
      expect(error.details.upstreamMessage).toBe('Issue does not exist or you do not have permission to see it.');
      expect(error.details.status).toBe(401);
      expect(error.hint).toContain('The API requires authentication');
    });

    it('reports AUTH_FAILED with a plain-text body', async () => {
      const error = await get('/401-text');
      expect(error.code).toBe('AUTH_FAILED');
      expect(error.details.upstreamMessage).toBe('Unauthorized: token expired or invalid');
    });

    it('reports AUTH_FAILED with an HTML body', async () => {
      const error = await get('/401-html');
      expect(error.code).toBe('AUTH_FAILED');
      expect(error.details.upstreamMessage).toBe('HTML page "Log in - Jira"');
    });

    it('redacts a token the upstream echoes back', async () => {
      const deps = depsFor([server]);
      const datasource = datasourceFor(server, { auth: { kind: 'token', placement: 'bearer' } });
      await storeSecret(deps, datasource, 'token', TOKEN);
      const error = await failure(sendRequest(deps, datasource, { method: 'GET', path: '/401-echo' }));
      expect(error.details.upstreamMessage).toBe('Invalid token Bearer [redacted]');
      expect(JSON.stringify(error.toWire())).not.toContain(TOKEN);
      expect(error.hint).toContain('Check that the token is valid');
    });

    it('reports TOKEN_EXPIRED after the configured expiry', async () => {
      const deps = depsFor([server]);
      const datasource = datasourceFor(server, { auth: { kind: 'token', placement: 'bearer', expiresAt: '2020-01-31' } });
      await storeSecret(deps, datasource, 'token', TOKEN);
      const error = await failure(sendRequest(deps, datasource, { method: 'GET', path: '/401-text' }));
      expect(error.code).toBe('TOKEN_EXPIRED');
      expect(error.message).toContain('which expired on 2020-01-31');
    });

    it('warns about an expired token that still works', async () => {
      const deps = depsFor([server]);
      const datasource = datasourceFor(server, { auth: { kind: 'token', placement: 'bearer', expiresAt: '2020-01-31' } });
      await storeSecret(deps, datasource, 'token', TOKEN);
      const response = await sendRequest(deps, datasource, { method: 'GET', path: '/ok' });
      expect(response.warnings).toEqual([
        { code: 'TOKEN_EXPIRING', message: 'The token of "Test API" expired on 2020-01-31, according to the datasource settings. Replace it.' },
      ]);
    });

    it('reports UPSTREAM_FORBIDDEN for the API\'s own 403', async () => {
      const error = await get('/403');
      expect(error.code).toBe('UPSTREAM_FORBIDDEN');
      expect(error.details.upstreamMessage).toBe('You do not have permission to view this board.');
    });

    it('reports EGRESS_BLOCKED for a bare 403 behind Forge', async () => {
      const deps = depsFor([server], { policy: { egressAllowList: [`https://127.0.0.1:${server.port}`] } });
      const error = await failure(sendRequest(deps, datasourceFor(server), { method: 'GET', path: '/403-bare' }));
      expect(error.code).toBe('EGRESS_BLOCKED');
      expect(error.details.egressEntry).toBe(`https://127.0.0.1:${server.port}`);
    });

    it('reports a bare 403 outside Forge as UPSTREAM_FORBIDDEN', async () => {
      expect((await get('/403-bare')).code).toBe('UPSTREAM_FORBIDDEN');
    });

    it('reports GitHub\'s exhausted rate limit as RATE_LIMITED', async () => {
      const error = await get('/403-github-rate');
      expect(error.code).toBe('RATE_LIMITED');
      expect(error.details.retryAfterSeconds).toBeGreaterThanOrEqual(118);
      expect(error.details.upstreamMessage).toBe('API rate limit exceeded for 127.0.0.1.');
    });

    it('reports NOT_FOUND', async () => {
      const error = await get('/404');
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe(`127.0.0.1:${server.port} has nothing at /404 (HTTP 404). It said: Issue does not exist or you do not have permission to see it.`);
    });

    it('reports Jira field errors as UPSTREAM_CLIENT_ERROR', async () => {
      const error = await get('/400');
      expect(error.code).toBe('UPSTREAM_CLIENT_ERROR');
      expect(error.details.upstreamMessage).toBe("invalid: Field 'invalid' is not valid for this operation.");
    });

    it('reports GitHub validation errors', async () => {
      const error = await get('/422');
      expect(error.code).toBe('UPSTREAM_CLIENT_ERROR');
      expect(error.details.status).toBe(422);
      expect(error.details.upstreamMessage).toMatch(/^Validation Failed/);
    });

    it('reports RATE_LIMITED with Retry-After', async () => {
      const error = await get('/429');
      expect(error.code).toBe('RATE_LIMITED');
      expect(error.details.retryAfterSeconds).toBe(30);
      expect(error.hint).toBe('Wait 30 seconds before trying again, and give the query a longer cache duration so it calls the API less often.');
    });

    it('reports UPSTREAM_ERROR with the Prometheus message', async () => {
      const error = await get('/500-prometheus');
      expect(error.code).toBe('UPSTREAM_ERROR');
      expect(error.details.upstreamMessage).toBe('internal: query processing would load too many samples into memory');
    });

    it('reports UPSTREAM_ERROR for 503 with retry time', async () => {
      const error = await get('/503');
      expect(error.code).toBe('UPSTREAM_ERROR');
      expect(error.details.retryAfterSeconds).toBe(5);
      expect(error.details.upstreamMessage).toBe('Service Unavailable');
    });
  });

  describe('limits', () => {
    it('times out waiting for headers', async () => {
      const started = Date.now();
      const error = await get('/slow-headers', { timeoutMs: 1000 });
      expect(error.code).toBe('TIMEOUT');
      expect(error.message).toBe(`127.0.0.1:${server.port} did not send a complete response within the datasource's timeout of 1000 ms (timeoutMs).`);
      expect(error.details.limit).toEqual({ name: 'timeoutMs', value: 1000 });
      expect(Date.now() - started).toBeLessThan(1400);
    });

    it('times out on a slow-drip body', async () => {
      const error = await get('/slow-drip', { timeoutMs: 1000 });
      expect(error.code).toBe('TIMEOUT');
    });

    it('rejects a declared oversized body', async () => {
      const error = await get('/large-declared');
      expect(error.code).toBe('TOO_LARGE');
      expect(error.message).toBe(`The response from 127.0.0.1:${server.port} is larger than the datasource's maximum response size of 1048576 bytes (maxResponseBytes).`);
      expect(error.details.limit).toEqual({ name: 'maxResponseBytes', value: 1048576 });
    });

    it('stops a streamed oversized body', async () => {
      const error = await get('/large-chunked');
      expect(error.code).toBe('TOO_LARGE');
    });

    it('stops a gzip bomb after the limit', async () => {
      const error = await get('/gzip-bomb');
      expect(error.code).toBe('TOO_LARGE');
    });

    it('serves the next request after a failure', async () => {
      await get('/large-chunked');
      const response = await sendRequest(depsFor([server]), datasourceFor(server), { method: 'GET', path: '/ok' });
      expect(response.status).toBe(200);
    });
  });

  describe('content', () => {
    it('recognizes an HTML login page', async () => {
      const error = await get('/login-page');
      expect(error.code).toBe('UNEXPECTED_CONTENT');
      expect(error.message).toBe(`127.0.0.1:${server.port} returned an HTML page titled "Sign in to your account" instead of JSON; it looks like a login page.`);
    });

    it('reports plain text as such', async () => {
      const error = await get('/plain');
      expect(error.code).toBe('UNEXPECTED_CONTENT');
      expect(error.message).toBe(`127.0.0.1:${server.port} returned plain text instead of JSON.`);
      expect(error.details.upstreamMessage).toBe('OK everything fine');
    });

    it('accepts JSON sent as text/plain', async () => {
      const response = await sendRequest(depsFor([server]), datasourceFor(server), { method: 'GET', path: '/plain-json' });
      expect(response.json).toEqual({ a: 1 });
    });

    it('reports XML as such', async () => {
      const error = await get('/xml');
      expect(error.code).toBe('UNEXPECTED_CONTENT');
      expect(error.message).toBe(`127.0.0.1:${server.port} returned an XML document instead of JSON.`);
    });

    it('reports broken JSON', async () => {
      const error = await get('/broken-json');
      expect(error.code).toBe('INVALID_JSON');
      expect(error.message).toMatch(/^The response from 127\.0\.0\.1:\d+ is not valid JSON: /);
    });

    it('reports invalid UTF-8', async () => {
      const error = await get('/bad-utf8');
      expect(error.code).toBe('INVALID_JSON');
      expect(error.message).toBe(`The response from 127.0.0.1:${server.port} is not valid UTF-8 text.`);
    });
  });

  describe('redirects', () => {
    it('stops a redirect loop after five hops', async () => {
      const error = await get('/loop');
      expect(error.code).toBe('TOO_MANY_REDIRECTS');
      expect(error.message).toBe(`127.0.0.1:${server.port} redirected more than 5 times.`);
      expect(error.details.limit).toEqual({ name: 'maxRedirects', value: 5 });
    });

    it('refuses a redirect to a host outside the allowed list', async () => {
      const error = await get('/redirect-away');
      expect(error.code).toBe('HOST_NOT_ALLOWED');
      expect(error.message).toBe('evil.example.net/steal is not among the allowed hosts of the datasource "Test API".');
    });

    it('refuses a redirect to the metadata address even when listed', async () => {
      const error = await get('/redirect-metadata', { allowedHosts: [{ host: `127.0.0.1:${server.port}` }, { host: '169.254.169.254:80' }], allowInsecureHttp: true });
      expect(error.code).toBe('HOST_NOT_ALLOWED');
      expect(error.message).toBe('169.254.169.254 is a link-local address, where cloud metadata services live. The app does not connect to internal addresses.');
    });

    it('reports a redirect to an invalid URL', async () => {
      const error = await get('/bad-location');
      expect(error.code).toBe('UPSTREAM_CLIENT_ERROR');
      expect(error.message).toBe(`127.0.0.1:${server.port} redirected to "https://[not-an-address/x", which is not a valid URL.`);
    });

    it('refuses a redirect down to http', async () => {
      const error = await get('/redirect-http');
      expect(error.code).toBe('INSECURE_HTTP');
    });
  });

  describe('transport', () => {
    it('reports TLS_ERROR for an untrusted certificate', async () => {
      const deps = depsFor([untrusted], { trust: false });
      const error = await failure(sendRequest(deps, datasourceFor(untrusted), { method: 'GET', path: '/ok' }));
      expect(error.code).toBe('TLS_ERROR');
      expect(error.message).toContain('its certificate is self-signed or issued by an unknown authority');
    });

    it('reports CONNECTION_FAILED for a closed port', async () => {
      const closed = await startTestServer();
      await closed.close();
      const error = await failure(sendRequest(depsFor([closed]), datasourceFor(closed), { method: 'GET', path: '/ok' }));
      expect(error.code).toBe('CONNECTION_FAILED');
      expect(error.message).toBe(`The connection to 127.0.0.1:${closed.port} failed (ECONNREFUSED).`);
    });

    it('reports DNS_ERROR for a name that does not resolve', async () => {
      const lookup = (hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, address: string) => void) =>
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
      const deps = depsFor([server], { lookup });
      const error = await failure(sendRequest(deps, datasourceFor(server, { baseUrl: 'https://jira.invalid-example.com' }), { method: 'GET', path: '/ok' }));
      expect(error.code).toBe('DNS_ERROR');
      expect(error.message).toBe('The host name jira.invalid-example.com could not be resolved (ENOTFOUND).');
    });

    it('reports SECRET_MISSING before connecting', async () => {
      const before = server.connectionCount();
      const error = await get('/ok', { auth: { kind: 'basic', username: 'admin' } });
      expect(error.code).toBe('SECRET_MISSING');
      expect(error.message).toBe('The datasource "Test API" uses HTTP Basic authentication, but no password is stored.');
      expect(server.connectionCount()).toBe(before);
    });

    it('refuses plain http unless allowed', async () => {
      const before = plain.connectionCount();
      const error = await failure(sendRequest(depsFor([plain]), datasourceFor(plain, { allowInsecureHttp: false }), { method: 'GET', path: '/ok' }));
      expect(error.code).toBe('INSECURE_HTTP');
      expect(plain.connectionCount()).toBe(before);
    });

    it('reports EGRESS_NOT_DECLARED before connecting', async () => {
      const before = server.connectionCount();
      const deps = depsFor([server], { policy: { egressAllowList: ['https://api.example.com', '*.atlassian.net'] } });
      const error = await failure(sendRequest(deps, datasourceFor(server), { method: 'GET', path: '/ok' }));
      expect(error.code).toBe('EGRESS_NOT_DECLARED');
      expect(error.details.egressEntry).toBe(`https://127.0.0.1:${server.port}`);
      expect(server.connectionCount()).toBe(before);
    });
  });
});

describe('sendRequest connections', () => {
  it('closes the connection of an endless body', async () => {
    let closed = false;
    const endless = await startTestServer({
      routes: {
        '/endless': ({ req, res }) => {
          req.socket.on('close', () => (closed = true));
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          const chunk = gzipSync(Buffer.alloc(256 * 1024, 32));
          const pump = () => {
            while (!res.destroyed && res.write(chunk)) {
              // keep writing until the socket pushes back
            }
            if (!res.destroyed) res.once('drain', pump);
          };
          pump();
        },
      },
    });
    try {
      const error = await failure(sendRequest(depsFor([endless]), datasourceFor(endless), { method: 'GET', path: '/endless' }));
      expect(error.code).toBe('TOO_LARGE');
      await sleep(200);
      expect(closed).toBe(true);
    } finally {
      await endless.close();
    }
  });
});
