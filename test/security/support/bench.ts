// A resolver bench for the security suite: the real Forge handler factory
// and definitions over a memory store, Confluence answered by the platform
// emulation, and outbound HTTP through the real Node transport. Every log
// line is recorded, and every outbound call passes a gate that records it and
// refuses anything but loopback before a socket is opened, so a guard that
// fails open can never reach another host.

import { AsyncLocalStorage } from 'node:async_hooks';

import type { ResolverResponse } from '../../../src/contract/errors';
import type { PayloadOf, ResolverKey, ResultOf } from '../../../src/contract/resolvers';
import { createConverterRuntime, type ConverterRuntime } from '../../../src/core/convert';
import { createNodeFetch, type LookupFunction } from '../../../src/core/http/node-transport';
import type { NetworkPolicy } from '../../../src/core/http';
import type { FetchPort, LogFields, Logger } from '../../../src/core/ports';
import { MemorySecretStore, MemoryStore } from '../../../src/core/store/memory-store';
import type { SecretStore, Store } from '../../../src/core/store/types';
import { KvsSecretStore } from '../../../src/platform/forge/kvs-secret-store';
import { KvsStore } from '../../../src/platform/forge/kvs-store';
import { createForgeConfluence } from '../../../src/platform/forge/confluence';
import { siteIdFrom } from '../../../src/platform/forge/deps';
import { AdminCheck } from '../../../src/resolvers/admin-check';
import type { ResolverDeps } from '../../../src/resolvers/deps';
import { createForgeHandler } from '../../../src/resolvers/handler';
import { ForgeEmulator } from '../../support/forge-emulator';
import { testCertificate } from '../../support/https-server';

export const ADMIN = 'security-admin';
export const VIEWER = 'security-viewer';
export const SITE = 'ari:cloud:confluence::site/security-site';

/** Page 100 is in space ENG, page 200 in space OPS. */
export const PAGES = {
  eng: { id: '100', title: 'Engineering', spaceId: '1', spaceKey: 'ENG' },
  ops: { id: '200', title: 'Operations', spaceId: '2', spaceKey: 'OPS' },
} as const;

export interface CallOptions {
  accountId?: string;
  accountType?: string;
  pageId?: string;
  spaceKey?: string;
  /** Fields the browser adds to the context, e.g. a forged accountId. */
  forgedContext?: Record<string, unknown>;
}

export interface LogLine {
  level: string;
  event: string;
  fields: LogFields;
}

export interface Bench {
  emulator: ForgeEmulator;
  store: Store;
  secrets: SecretStore;
  logs: LogLine[];
  /** Every URL handed to the transport, refused or not. */
  outbound: string[];
  /** Mutable: tests add their own 127.0.0.1 servers. */
  network: NetworkPolicy;
  call<K extends ResolverKey>(key: K, payload: PayloadOf<K> | unknown, options?: CallOptions): Promise<ResolverResponse<ResultOf<K>>>;
  /** Calls as the admin and returns the data; throws on an error envelope. */
  admin<K extends ResolverKey>(key: K, payload: PayloadOf<K>): Promise<ResultOf<K>>;
  close(): Promise<void>;
}

export interface BenchOptions {
  /** Host names the injected lookup resolves to 127.0.0.1 (no DNS query is made for them). */
  loopbackNames?: string[];
  privateHostsAllowed?: string[];
  /** `memory` (default) or `kvs`: @forge/kvs on the platform emulation, as deployed. */
  storage?: 'memory' | 'kvs';
}

/** Host names the gate lets through to the real transport. */
const LOOPBACK_LITERALS = new Set(['127.0.0.1']);

export class BlockedByGate extends Error {
  constructor(url: string) {
    super(`The test gate stopped a connection to ${url}: only 127.0.0.1 may be reached from tests.`);
    this.name = 'BlockedByGate';
  }
}

export async function createBench(options: BenchOptions = {}): Promise<Bench> {
  const caller = new AsyncLocalStorage<string | undefined>();
  const emulator = new ForgeEmulator({ accountOf: () => caller.getStore() }).install();
  emulator.admins.add(ADMIN);
  emulator.addPage(PAGES.eng, PAGES.eng.spaceKey);
  emulator.addPage(PAGES.ops, PAGES.ops.spaceKey);

  const store: Store = options.storage === 'kvs' ? new KvsStore() : new MemoryStore();
  const secrets: SecretStore = options.storage === 'kvs' ? new KvsSecretStore() : new MemorySecretStore();
  const logs: LogLine[] = [];
  const record = (level: string) => (event: string, fields: LogFields = {}) => logs.push({ level, event, fields });
  const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };

  const network: NetworkPolicy = { privateHostsAllowed: [...(options.privateHostsAllowed ?? [])] };
  const loopbackNames = new Set((options.loopbackNames ?? []).map((name) => name.toLowerCase()));
  const lookup: LookupFunction = (hostname, _options, callback) => {
    if (loopbackNames.has(hostname.toLowerCase())) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
    callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
  };

  const certificate = await testCertificate();
  const transport = createNodeFetch({ policy: network, ca: certificate.cert, lookup });
  const outbound: string[] = [];
  const fetch: FetchPort = (url, init) => {
    outbound.push(url);
    const hostname = new URL(url).hostname.toLowerCase();
    if (!LOOPBACK_LITERALS.has(hostname) && !loopbackNames.has(hostname)) return Promise.reject(new BlockedByGate(url));
    return transport(url, init);
  };

  let runtime: Promise<ConverterRuntime> | undefined;
  const handler = createForgeHandler(
    (trusted): ResolverDeps => {
      const siteId = siteIdFrom(trusted.installContext);
      return {
        store,
        secrets,
        fetch,
        clock: { now: () => Date.now() },
        logger,
        network,
        confluence: createForgeConfluence(siteId),
        converterRuntime: () => (runtime ??= createConverterRuntime({ engine: 'auto' })),
        siteId,
      };
    },
    { adminCheck: new AdminCheck() },
  );

  const call: Bench['call'] = async (key, payload, callOptions = {}) => {
    const accountId = 'accountId' in callOptions ? callOptions.accountId : ADMIN;
    const event = {
      call: { functionKey: key, payload },
      context: {
        accountType: callOptions.accountType ?? 'licensed',
        locale: 'en-US',
        timezone: 'UTC',
        extension: {
          type: 'macro',
          content: callOptions.pageId ? { id: callOptions.pageId, type: 'page' } : undefined,
          space: callOptions.spaceKey ? { key: callOptions.spaceKey } : undefined,
        },
        ...callOptions.forgedContext,
      },
    };
    const runtimePayload = { principal: accountId ? { accountId } : undefined, installContext: SITE };
    return caller.run(accountId, () => handler(event, runtimePayload)) as never;
  };

  return {
    emulator,
    store,
    secrets,
    logs,
    outbound,
    network,
    call,
    async admin(key, payload) {
      const response = await call(key, payload);
      if (!response.ok) throw new Error(`${key} failed: ${JSON.stringify(response.error)}`);
      return response.data;
    },
    async close() {
      emulator.uninstall();
      if (runtime) await (await runtime).dispose();
    },
  };
}
