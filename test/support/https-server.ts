// Real HTTP and HTTPS servers on 127.0.0.1 for tests. Each server listens on a
// free port, records every request it receives and counts TCP connections, so
// a test can assert that a refused request never reached the network.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSelfSignedCertificate, type CertificatePair } from '../../src/core/http/self-signed-cert';

export type { CertificatePair };

export interface RecordedRequest {
  method: string;
  /** Path plus query string, exactly as received. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RouteContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  /** Parsed request URL; the host part is always the server's own. */
  url: URL;
  body: string;
}

export type RouteHandler = (context: RouteContext) => void | Promise<void>;

/** Keys are `/path` (any method) or `GET /path`; the query string is not part of the match. */
export type RouteTable = Record<string, RouteHandler>;

export interface TestServer {
  /** Origin without a trailing slash, e.g. `https://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** The certificate to pass as `ca`, also set for plain HTTP servers so callers need not branch. */
  certPem: string;
  requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  connectionCount(): number;
  /** Replaces or adds routes while the server runs. */
  route(key: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export interface TestServerOptions {
  protocol?: 'http' | 'https';
  routes?: RouteTable;
}

let certificate: Promise<CertificatePair> | undefined;

/** Returns the process-wide test certificate, generating it on first use. */
export function testCertificate(): Promise<CertificatePair> {
  certificate ??= createSelfSignedCertificate();
  return certificate;
}

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Reads a file from test/fixtures as raw bytes. */
export function readFixture(name: string): Buffer {
  return readFileSync(path.join(fixtureDir, name));
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const protocol = options.protocol ?? 'https';
  const pair = await testCertificate();
  const routes: RouteTable = { ...options.routes };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;

  const listener: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const handler = routes[`${req.method} ${url.pathname}`] ?? routes[url.pathname];
      if (!handler) {
        sendJson(res, 404, { message: `No test route for ${req.method} ${url.pathname}` });
        return;
      }
      Promise.resolve(handler({ req, res, url, body })).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { message: String(error) });
        else res.destroy();
      });
    });
  };

  const server =
    protocol === 'https' ? https.createServer({ key: pair.key, cert: pair.cert }, listener) : http.createServer(listener);
  const connectionEvent = protocol === 'https' ? 'secureConnection' : 'connection';
  server.on(connectionEvent, (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A TLS handshake that the client aborts (untrusted certificate) still opened a TCP connection.
  if (protocol === 'https') server.on('connection', (socket: Socket) => sockets.add(socket));

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `${protocol}://127.0.0.1:${port}`,
    port,
    certPem: pair.cert,
    requests,
    connectionCount: () => connections,
    route(key, handler) {
      routes[key] = handler;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': body.length, ...headers });
  res.end(body);
}

export function sendText(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: http.OutgoingHttpHeaders = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'content-type': contentType, 'content-length': bytes.length, ...headers });
  res.end(bytes);
}

/** A route that serves a fixture file unchanged as JSON. */
export function fixtureRoute(name: string, status = 200, headers: http.OutgoingHttpHeaders = {}): RouteHandler {
  const bytes = readFixture(name);
  return ({ res }) => sendText(res, status, bytes, 'application/json;charset=UTF-8', headers);
}

/** Builds the HTTP Basic `Authorization` header value for a username and password. */
export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
