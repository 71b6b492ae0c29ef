// Shared setup for REST client tests: a datasource pointing at a test server,
// and deps with a real Node transport that may reach only that server.

import type { Datasource } from '../../../src/contract/entities';
import { secretKey } from '../../../src/core/entities';
import { createNodeFetch, type HttpDeps, type LookupFunction, type NetworkPolicy } from '../../../src/core/http';
import type { LogFields, Logger } from '../../../src/core/ports';
import { MemorySecretStore } from '../../../src/core/store/memory-store';
import { AppError } from '../../../src/errors/app-error';
import type { TestServer } from '../../support/https-server';

export function datasourceFor(server: TestServer, overrides: Partial<Datasource> = {}): Datasource {
  return {
    id: 'ds-test',
    kind: 'datasource',
    name: 'Test API',
    description: '',
    schemaVersion: 1,
    version: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    baseUrl: server.url,
    auth: { kind: 'none' },
    headers: {},
    allowedHosts: [],
    testPath: '/rest/api/2/serverInfo',
    timeoutMs: 5000,
    maxResponseBytes: 1024 * 1024,
    allowInsecureHttp: server.url.startsWith('http:'),
    ...overrides,
  };
}

export interface RecordingLogger extends Logger {
  lines: { level: string; event: string; fields?: LogFields }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  return {
    lines,
    info: (event, fields) => lines.push({ level: 'info', event, fields }),
    warn: (event, fields) => lines.push({ level: 'warn', event, fields }),
    error: (event, fields) => lines.push({ level: 'error', event, fields }),
  };
}

export interface TestDeps extends HttpDeps {
  secrets: MemorySecretStore;
  logger: RecordingLogger;
}

export function depsFor(servers: TestServer[], options: { policy?: Partial<NetworkPolicy>; lookup?: LookupFunction; trust?: boolean } = {}): TestDeps {
  const network: NetworkPolicy = {
    privateHostsAllowed: servers.map((server) => `127.0.0.1:${server.port}`),
    ...options.policy,
  };
  const ca = options.trust === false ? undefined : servers[0]?.certPem;
  return {
    fetch: createNodeFetch({ policy: network, ...(ca ? { ca } : {}), ...(options.lookup ? { lookup: options.lookup } : {}) }),
    secrets: new MemorySecretStore(),
    clock: { now: () => Date.now() },
    network,
    logger: recordingLogger(),
  };
}

export async function storeSecret(deps: TestDeps, datasource: Datasource, name: 'password' | 'token', value: string): Promise<void> {
  await deps.secrets.set(secretKey(datasource.id, name), value);
}

/** Runs a promise that must fail and returns its AppError. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
