// Wires the local host together: storage, demo API, resolver handler and the
// HTTP server that serves the Confluence-like shell.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostOptions } from './options';

export interface RunningHost {
  /** Origin, e.g. `http://127.0.0.1:8080`. */
  url: string;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const server: Server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('The local host is starting up.');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
