// An HTTPS server on 127.0.0.1 that responds to every path with a fixed JSON
// body and records each request exactly as it arrived, for checking what a
// parameter value turned into on the wire.

import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

import { testCertificate, type RecordedRequest } from '../../support/https-server';

export interface EchoServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Sets the status, body and delay of every following response. */
  answer(options: { status?: number; body?: unknown; delayMs?: number; headers?: Record<string, string> }): void;
  close(): Promise<void>;
}

/** Plain http is for the local host, which trusts only its own demo certificate. */
export async function startEchoServer(protocol: 'http' | 'https' = 'https'): Promise<EchoServer> {
  const { key, cert } = await testCertificate();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let answer: { status: number; body: unknown; delayMs: number; headers: Record<string, string> } = { status: 200, body: [], delayMs: 0, headers: {} };

  const listener: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const { status, body, delayMs, headers } = answer;
      const send = () => {
        if (res.destroyed) return;
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
        res.end(text);
      };
      if (delayMs > 0) setTimeout(send, delayMs);
      else send();
    });
  };
  const server = protocol === 'https' ? https.createServer({ key, cert }, listener) : http.createServer(listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `${protocol}://127.0.0.1:${port}`,
    port,
    requests,
    answer(options) {
      answer = { status: options.status ?? 200, body: options.body ?? [], delayMs: options.delayMs ?? 0, headers: options.headers ?? {} };
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
