// The demo REST API: a small Jira stand-in on 127.0.0.1 over https with token
// authentication, the setup the app recommends. It serves real published Jira
// responses so the demo converters and templates work on real shapes.

import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../core/ports';
import type { CertificatePair } from '../../core/http/self-signed-cert';
import type { DemoFixtures } from './fixtures';
import { jiraError, routeDemoRequest } from './routes';
import { matchToken, type DemoToken } from './tokens';

/** Requests the demo API received, for load tests that check how often the app called upstream. */
export interface DemoApiRequestCounts {
  total: number;
  /** By path without the query string. */
  byPath: Record<string, number>;
}

export interface DemoApi {
  /** e.g. `https://127.0.0.1:43123` */
  origin: string;
  port: number;
  requestCounts(): DemoApiRequestCounts;
  resetRequestCounts(): void;
  close(): Promise<void>;
}

export interface DemoApiOptions {
  certificate: CertificatePair;
  fixtures: DemoFixtures;
  /** Read on every request, so a reset that issues new tokens takes effect at once. */
  tokens: () => DemoToken[];
  logger: Logger;
  /** Port to try first (the one the stored datasources point at); 0 or taken means any free port. */
  preferredPort?: number;
}

export async function startDemoApi(options: DemoApiOptions): Promise<DemoApi> {
  let counts: DemoApiRequestCounts = { total: 0, byPath: {} };

  const server = createServer({ key: options.certificate.key, cert: options.certificate.cert }, (request, response) => {
    const started = Date.now();
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    counts.total += 1;
    counts.byPath[url.pathname] = (counts.byPath[url.pathname] ?? 0) + 1;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      response.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', ...headers });
      response.end(JSON.stringify(body));
      options.logger.info('demo_api.request', { method: request.method, path: url.pathname, status, durationMs: Date.now() - started });
    };

    const authorization = request.headers.authorization ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!bearer || matchToken(bearer, options.tokens()) === undefined) {
      send(401, jiraError('You are not authenticated. Authentication required to perform this operation.'), {
        'www-authenticate': 'Bearer realm="demo-jira"',
      });
      return;
    }

    const result = routeDemoRequest(request.method ?? 'GET', url, options.fixtures);
    send(result.status, result.body, result.headers);
  });

  const port = await listen(server, options.preferredPort ?? 0);
  return {
    origin: `https://127.0.0.1:${port}`,
    port,
    requestCounts: () => ({ total: counts.total, byPath: { ...counts.byPath } }),
    resetRequestCounts() {
      counts = { total: 0, byPath: {} };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function listen(server: Server, preferredPort: number): Promise<number> {
  try {
    return await listenOn(server, preferredPort);
  } catch (error) {
    if (preferredPort === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return listenOn(server, 0);
  }
}

function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
