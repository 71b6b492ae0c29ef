import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetch, sendRequest, type HttpDeps } from '../../../src/core/http';
import type { FetchPort } from '../../../src/core/ports';
import { MemorySecretStore } from '../../../src/core/store/memory-store';
import { fixtureRoute, startTestServer, type TestServer } from '../../support/https-server';
import { datasourceFor, depsFor, failure } from './helpers';

/** A FetchPort that records calls and never opens a connection: a refused request must not reach it. */
function tripwire(): { fetch: FetchPort; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (url) => {
      calls.push(url);
      throw new Error(`tripwire: ${url} should have been refused before fetching`);
    },
  };
}

const PRIVATE_TARGETS: [string, string][] = [
  ['localhost', 'https://localhost'],
  ['loopback', 'https://127.0.0.1'],
  ['loopback range', 'https://127.1.2.3'],
  ['unspecified', 'https://0.0.0.0'],
  ['IPv6 loopback', 'https://[::1]'],
  ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]'],
  ['10/8', 'https://10.0.0.1'],
  ['172.16/12', 'https://172.16.5.4'],
  ['172.31 edge', 'https://172.31.255.255'],
  ['192.168/16', 'https://192.168.0.1'],
  ['metadata', 'https://169.254.169.254'],
  ['IPv4-mapped metadata', 'https://[::ffff:169.254.169.254]'],
  ['unique local', 'https://[fd00::1]'],
  ['AWS IPv6 metadata', 'https://[fd00:ec2::254]'],
  ['link-local IPv6', 'https://[fe80::1]'],
  ['decimal loopback', 'https://2130706433'],
  ['octal loopback', 'https://0177.0.0.1'],
  ['hex loopback', 'https://0x7f.1'],
  ['hex private', 'https://0xa000001'],
  ['carrier-grade NAT', 'https://100.100.100.200'],
  ['GCP metadata name', 'https://metadata.google.internal'],
  ['single-label name', 'https://intranet'],
  ['localhost subdomain', 'https://api.localhost'],
  ['NAT64 loopback', 'https://[64:ff9b::7f00:1]'],
];

describe('SSRF guard', () => {
  let server: TestServer;
  let plain: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      routes: {
        '/ok': fixtureRoute('jira_serverinfo_cloud_jira-cli.json'),
        '/to': ({ res, url }) => {
          res.writeHead(302, { location: url.searchParams.get('target') ?? '/' });
          res.end();
        },
      },
    });
    plain = await startTestServer({ protocol: 'http', routes: { '/ok': fixtureRoute('jira_serverinfo_cloud_jira-cli.json') } });
  });

  afterAll(async () => {
    await Promise.all([server.close(), plain.close()]);
  });

  function tripwireDeps(): HttpDeps & { calls: string[] } {
    const wire = tripwire();
    return { fetch: wire.fetch, calls: wire.calls, secrets: new MemorySecretStore(), clock: { now: () => Date.now() }, network: { privateHostsAllowed: [] } };
  }

  it.each(PRIVATE_TARGETS)('refuses %s before fetching', async (_name, baseUrl) => {
    const deps = tripwireDeps();
    const datasource = datasourceFor(server, { baseUrl });
    const error = await failure(sendRequest(deps, datasource, { method: 'GET', path: '/ok' }));
    expect(error.code).toBe('HOST_NOT_ALLOWED');
    expect(error.message).toContain('The app does not connect to internal addresses.');
    expect(deps.calls).toEqual([]);
  });

  it.each(PRIVATE_TARGETS)('refuses a redirect to %s', async (_name, target) => {
    const base = datasourceFor(server);
    const targetUrl = new URL(`${target}/latest/meta-data/`);
    const deps = depsFor([server]);
    const fetched: string[] = [];
    const realFetch = deps.fetch;
    deps.fetch = async (url, init) => {
      fetched.push(url);
      if (new URL(url).host !== `127.0.0.1:${server.port}`) throw new Error(`tripwire: ${url}`);
      return realFetch(url, init);
    };

    const datasource = { ...base, allowedHosts: [{ host: `127.0.0.1:${server.port}` }, { host: targetUrl.host }] };
    const error = await failure(sendRequest(deps, datasource, { method: 'GET', path: `/to?target=${encodeURIComponent(targetUrl.href)}` }));
    expect(error.code).toBe('HOST_NOT_ALLOWED');
    expect(fetched).toHaveLength(1);
  });

  it('allows loopback only on the listed port', async () => {
    const deps = depsFor([server], { policy: { privateHostsAllowed: ['127.0.0.1:1'] } });
    const before = server.connectionCount();
    const error = await failure(sendRequest(deps, datasourceFor(server), { method: 'GET', path: '/ok' }));
    expect(error.code).toBe('HOST_NOT_ALLOWED');
    expect(server.connectionCount()).toBe(before);
  });

  it('refuses a DNS name that resolves to loopback', async () => {
    const lookups: string[] = [];
    const lookup = (hostname: string, _options: unknown, callback: (error: null, addresses: { address: string; family: number }[]) => void) => {
      lookups.push(hostname);
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    };
    const deps = depsFor([plain], { lookup, policy: { privateHostsAllowed: [] } });
    const before = plain.connectionCount();
    const datasource = datasourceFor(plain, { baseUrl: `http://api.example.com:${plain.port}`, allowInsecureHttp: true });

    const error = await failure(sendRequest(deps, datasource, { method: 'GET', path: '/ok' }));
    expect(error.code).toBe('HOST_NOT_ALLOWED');
    expect(error.message).toBe('api.example.com resolves to 127.0.0.1, which is a loopback address. The app does not connect to internal addresses.');
    expect(lookups).toEqual(['api.example.com']);
    expect(plain.connectionCount()).toBe(before);
  });

  it('refuses a name with one private address among public ones', async () => {
    const lookup = (_hostname: string, _options: unknown, callback: (error: null, addresses: { address: string; family: number }[]) => void) =>
      callback(null, [
        { address: '93.184.216.34', family: 4 },
        { address: '::ffff:10.1.2.3', family: 6 },
      ]);
    const deps = depsFor([plain], { lookup, policy: { privateHostsAllowed: [] } });
    const datasource = datasourceFor(plain, { baseUrl: `http://api.example.com:${plain.port}`, allowInsecureHttp: true });
    const error = await failure(sendRequest(deps, datasource, { method: 'GET', path: '/ok' }));
    expect(error.code).toBe('HOST_NOT_ALLOWED');
    expect(error.message).toContain('resolves to ::ffff:10.1.2.3, which is a private network address (inside an IPv6 address)');
  });

  it('connects through the lookup when the policy allows the name', async () => {
    const lookup = (_hostname: string, _options: unknown, callback: (error: null, addresses: { address: string; family: number }[]) => void) =>
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    const deps = depsFor([plain], { lookup, policy: { privateHostsAllowed: [`api.example.com:${plain.port}`] } });
    const datasource = datasourceFor(plain, { baseUrl: `http://api.example.com:${plain.port}`, allowInsecureHttp: true });
    const response = await sendRequest(deps, datasource, { method: 'GET', path: '/ok' });
    expect(response.status).toBe(200);
  });

  it('resolves localhost with the system resolver when allowed', async () => {
    const deps = depsFor([server], { policy: { privateHostsAllowed: [`localhost:${server.port}`] } });
    const datasource = datasourceFor(server, { baseUrl: `https://localhost:${server.port}` });
    const response = await sendRequest(deps, datasource, { method: 'GET', path: '/ok' });
    expect(response.status).toBe(200);
  });

  describe('Node transport on its own', () => {
    it.each(['127.0.0.1', '[::1]', '2130706433', '0x7f000001', '[::ffff:7f00:1]'])('refuses %s without connecting', async (host) => {
      const fetch = createNodeFetch({ policy: { privateHostsAllowed: [] } });
      const before = plain.connectionCount();
      const error = await fetch(`http://${host}:${plain.port}/ok`, { method: 'GET', headers: {}, redirect: 'manual', signal: new AbortController().signal }).then(
        () => undefined,
        (caught: unknown) => caught as { code?: string },
      );
      expect(error?.code).toBe('HOST_NOT_ALLOWED');
      expect(plain.connectionCount()).toBe(before);
    });
  });

  describe('path confinement', () => {
    it.each(['//evil.example.com/x', '/../admin', '/%2e%2e/admin', '/a/../../admin', '\\\\evil.example.com'])('refuses the path %s', async (path) => {
      const deps = tripwireDeps();
      const datasource = datasourceFor(server, { baseUrl: 'https://api.example.com/jira' });
      const error = await failure(sendRequest(deps, datasource, { method: 'GET', path }));
      expect(error.code).toBe('HOST_NOT_ALLOWED');
      expect(error.message).toContain('would leave the base URL');
      expect(deps.calls).toEqual([]);
    });

    it('refuses a path outside the allowed prefix', async () => {
      const deps = tripwireDeps();
      const datasource = datasourceFor(server, { baseUrl: 'https://api.example.com', allowedHosts: [{ host: 'api.example.com', pathPrefix: '/rest/api' }] });
      const error = await failure(sendRequest(deps, datasource, { method: 'GET', path: '/restricted/x' }));
      expect(error.code).toBe('HOST_NOT_ALLOWED');
      expect(deps.calls).toEqual([]);
    });
  });
});
