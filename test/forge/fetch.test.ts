// The Forge FetchPort over @forge/api's fetch, with a stand-in for Forge's
// egress proxy in front of a local HTTPS server.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FetchPort } from '../../src/core/ports';
import { isAppError } from '../../src/errors/app-error';
import { sendJson, startTestServer, type TestServer } from '../support/https-server';
import { installEgressProxy } from './support/egress-proxy';

const originalFetch = globalThis.fetch;
let server: TestServer;
let declared: string[] = [];
let forgeFetchPort: FetchPort;

// @forge/api captures the global fetch when it loads, as it does on Forge,
// where the runtime installs its proxy first. So the stand-in is installed
// before the adapter (and with it @forge/api) is imported.
beforeAll(async () => {
  server = await startTestServer({ routes: { 'GET /data': ({ res }) => sendJson(res, 200, { rows: [1, 2] }) } });
  installEgressProxy({ declared: () => declared, routes: [{ hostname: 'api.example.test', port: server.port, ca: server.certPem }] });
  ({ forgeFetchPort } = await import('../../src/platform/forge/fetch'));
});
afterAll(async () => {
  globalThis.fetch = originalFetch;
  await server.close();
});

function request() {
  return { method: 'GET', headers: { accept: 'application/json' }, redirect: 'manual' as const, signal: new AbortController().signal };
}

describe('forgeFetchPort', () => {
  it('streams the body of a declared host', async () => {
    declared = ['api.example.test'];
    const response = await forgeFetchPort('https://api.example.test/data', request());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = await new Response(response.body as ReadableStream<Uint8Array>).json();
    expect(body).toEqual({ rows: [1, 2] });
  });

  it('reports a proxy refusal as EGRESS_BLOCKED', async () => {
    declared = [];
    const before = server.requests.length;
    const error = await forgeFetchPort('https://api.example.test/data', request()).catch((caught: unknown) => caught);
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'EGRESS_BLOCKED',
      message: 'Forge blocked the request to api.example.test (EGRESS_NOT_ALLOWED).',
      details: { egressEntry: 'api.example.test', status: 403 },
    });
    expect(server.requests.length).toBe(before);
  });
});
