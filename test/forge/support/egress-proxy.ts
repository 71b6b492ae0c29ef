// Stands in for Forge's egress proxy inside a test process. On Forge the
// runtime's global fetch sends every outbound request through a proxy. It
// passes only the hosts the manifest declares and returns a 403 with a
// `forge-proxy-error` header for every other host. This replacement
// does the same, and delivers requests for mapped host names to servers on
// 127.0.0.1, so nothing ever leaves the machine: an unmapped host is an error.

import https from 'node:https';
import { Readable } from 'node:stream';

export interface ProxyRoute {
  /** Host name as the app uses it, e.g. `jira.example.test`. */
  hostname: string;
  port: number;
  /** PEM certificate of the local server. */
  ca: string;
}

export interface ProxyRecord {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export function installEgressProxy(options: { declared: () => string[]; routes: ProxyRoute[] }): ProxyRecord[] {
  const records: ProxyRecord[] = [];

  globalThis.fetch = (async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    records.push({ method: init.method ?? 'GET', url: url.href, headers });

    if (!isDeclared(options.declared(), url)) {
      return new Response('', { status: 403, headers: { 'forge-proxy-error': 'EGRESS_NOT_ALLOWED' } });
    }
    const route = options.routes.find((candidate) => candidate.hostname === url.hostname);
    if (!route) throw new TypeError(`fetch failed: the test egress proxy has no route for ${url.hostname}`);
    return forward(route, url, init, headers);
  }) as typeof fetch;

  return records;
}

function isDeclared(entries: string[], url: URL): boolean {
  return entries.some((entry) => {
    if (entry === '*') return true;
    const host = entry.replace(/^https:\/\//, '');
    if (host.startsWith('*.')) return url.hostname.endsWith(host.slice(1)) && url.port === '';
    return host === url.host && url.protocol === 'https:';
  });
}

function forward(route: ProxyRoute, url: URL, init: RequestInit, headers: Record<string, string>): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        port: route.port,
        method: init.method ?? 'GET',
        path: `${url.pathname}${url.search}`,
        headers: { ...headers, host: url.host },
        ca: route.ca,
        servername: 'localhost',
      },
      (response) => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const status = response.statusCode ?? 502;
        const body = status === 204 || status === 304 ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status, statusText: response.statusMessage, headers: responseHeaders }));
      },
    );
    request.on('error', reject);
    init.signal?.addEventListener('abort', () => request.destroy(new Error('aborted')));
    if (typeof init.body === 'string') request.write(init.body);
    request.end();
  });
}
