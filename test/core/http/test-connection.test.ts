import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../../../src/core/http';
import { fixtureRoute, sendJson, sendText, startTestServer, type TestServer } from '../../support/https-server';
import { datasourceFor, depsFor, storeSecret } from './helpers';

const TOKEN = 'conn-test-token-5521';

describe('testConnection', () => {
  let server: TestServer;
  let plain: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      routes: {
        '/rest/api/2/serverInfo': ({ req, res }) => {
          if (req.headers.authorization !== `Bearer ${TOKEN}`) return sendJson(res, 401, { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} });
          fixtureRoute('jira_serverinfo_cloud_jira-cli.json')({ req, res, url: new URL('http://x'), body: '' });
        },
        '/old/serverInfo': ({ res }) => {
          res.writeHead(301, { location: '/rest/api/2/serverInfo' });
          res.end();
        },
        '/forbidden': ({ res }) => sendJson(res, 403, { message: 'Resource not accessible by integration' }),
        '/html': ({ res }) => sendText(res, 200, '<html><head><title>Welcome</title></head></html>', 'text/html'),
      },
    });
    plain = await startTestServer({ protocol: 'http', routes: { '/status': fixtureRoute('prometheus_api_v1_query_instant_vector_docs.json') } });
  });

  afterAll(async () => {
    await Promise.all([server.close(), plain.close()]);
  });

  it('reports accepted credentials and TLS', async () => {
    const deps = depsFor([server]);
    const datasource = datasourceFor(server, { auth: { kind: 'token', placement: 'bearer' } });
    await storeSecret(deps, datasource, 'token', TOKEN);
    const result = await testConnection(deps, datasource);

    expect(result.ok).toBe(true);
    expect(result.status).toBe(200);
    expect(result.auth).toBe('accepted');
    expect(result.tls).toEqual({ used: true, note: 'The certificate was verified.' });
    expect(result.url).toBe(`${server.url}/rest/api/2/serverInfo`);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.notes).toEqual([]);
    expect(result.error).toBeUndefined();
  });

  it('reports rejected credentials with the hint', async () => {
    const deps = depsFor([server]);
    const datasource = datasourceFor(server, { auth: { kind: 'token', placement: 'bearer' } });
    await storeSecret(deps, datasource, 'token', 'wrong-token');
    const result = await testConnection(deps, datasource);

    expect(result.ok).toBe(false);
    expect(result.status).toBe(401);
    expect(result.auth).toBe('rejected');
    expect(result.error?.code).toBe('AUTH_FAILED');
    expect(result.error?.details?.upstreamMessage).toBe('Client must be authenticated to access this resource.');
    expect(result.error?.hint).toContain('Check that the token is valid');
    expect(JSON.stringify(result)).not.toContain('wrong-token');
  });

  it('lists redirects', async () => {
    const deps = depsFor([server]);
    const datasource = datasourceFor(server, { testPath: '/old/serverInfo', auth: { kind: 'token', placement: 'bearer' } });
    await storeSecret(deps, datasource, 'token', TOKEN);
    const result = await testConnection(deps, datasource);

    expect(result.ok).toBe(true);
    expect(result.redirects).toEqual([`${server.url}/old/serverInfo`]);
    expect(result.notes).toEqual([`The server redirected 1 time; the final URL was ${server.url}/rest/api/2/serverInfo.`]);
  });

  it('reports a 403 as rejected with a note', async () => {
    const result = await testConnection(depsFor([server]), datasourceFor(server, { testPath: '/forbidden' }));
    expect(result.error?.code).toBe('UPSTREAM_FORBIDDEN');
    expect(result.auth).toBe('not-sent');
    expect(result.notes).toEqual(['The API knows the credentials but refuses this resource: the account or token lacks a permission.']);
  });

  it('notes a test path that is not JSON', async () => {
    const result = await testConnection(depsFor([server]), datasourceFor(server, { testPath: '/html' }));
    expect(result.ok).toBe(true);
    expect(result.notes).toContain('The test path answered with text/html, not JSON. Queries need a path that returns JSON.');
  });

  it('notes plain http', async () => {
    const result = await testConnection(depsFor([plain]), datasourceFor(plain, { testPath: '/status', allowInsecureHttp: true }));
    expect(result.ok).toBe(true);
    expect(result.tls).toEqual({ used: false, note: 'Plain http: data and credentials travel unencrypted.' });
    expect(result.notes[0]).toBe('"Test API" uses plain http: the data and credentials travel unencrypted.');
  });

  it('reports a refused host without connecting', async () => {
    const before = server.connectionCount();
    const result = await testConnection(depsFor([server], { policy: { privateHostsAllowed: [] } }), datasourceFor(server));
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('HOST_NOT_ALLOWED');
    expect(result.auth).toBe('not-sent');
    expect(server.connectionCount()).toBe(before);
  });

  it('reports a TLS failure', async () => {
    const result = await testConnection(depsFor([server], { trust: false }), datasourceFor(server));
    expect(result.error?.code).toBe('TLS_ERROR');
    expect(result.tls.used).toBe(true);
    expect(result.tls.note).toContain('certificate');
  });
});
