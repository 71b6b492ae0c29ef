// A resolver test bench: the real Forge handler factory and definitions, a
// memory store, Confluence reached through the real Forge adapter against the
// platform emulation, and outbound HTTP through the real Node transport to
// servers on 127.0.0.1. Calls use the same event shape Forge sends.

import { AsyncLocalStorage } from 'node:async_hooks';

import type { ResolverResponse } from '../../src/contract/errors';
import type { PayloadOf, ResolverKey, ResultOf } from '../../src/contract/resolvers';
import { createConverterRuntime, type ConverterRuntime } from '../../src/core/convert';
import { createNodeFetch } from '../../src/core/http';
import type { LogFields, Logger } from '../../src/core/ports';
import { MemorySecretStore, MemoryStore } from '../../src/core/store/memory-store';
import type { SecretStore, Store } from '../../src/core/store/types';
import { createForgeConfluence } from '../../src/platform/forge/confluence';
import { siteIdFrom } from '../../src/platform/forge/deps';
import { KvsSecretStore } from '../../src/platform/forge/kvs-secret-store';
import { KvsStore } from '../../src/platform/forge/kvs-store';
import { AdminCheck } from '../../src/resolvers/admin-check';
import type { ResolverDeps } from '../../src/resolvers/deps';
import { createForgeHandler } from '../../src/resolvers/handler';
import { ForgeEmulator } from '../support/forge-emulator';

export const ADMIN = 'account-admin';
export const VIEWER = 'account-viewer';
export const OUTSIDER = 'account-outsider';
export const SITE = 'ari:cloud:confluence::site/test-site';

/** Page 100 is in space ENG, 200 in space OPS, 300 in ENG but only the admin may see it. */
export const PAGES = {
  eng: { id: '100', title: 'Engineering dashboard', spaceId: '1', spaceKey: 'ENG' },
  ops: { id: '200', title: 'Operations', spaceId: '2', spaceKey: 'OPS' },
  restricted: { id: '300', title: 'Restricted', spaceId: '1', spaceKey: 'ENG' },
} as const;

export interface CallOptions {
  accountId?: string;
  accountType?: string;
  pageId?: string;
  spaceKey?: string;
  locale?: string;
  timezone?: string;
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
  privateHostsAllowed: string[];
  call<K extends ResolverKey>(key: K, payload: PayloadOf<K> | unknown, options?: CallOptions): Promise<ResolverResponse<ResultOf<K>>>;
  /** Calls as the admin and returns the data, failing the test on an error envelope. */
  admin<K extends ResolverKey>(key: K, payload: PayloadOf<K>): Promise<ResultOf<K>>;
  close(): Promise<void>;
}

/** The account of the call in progress; shared, so benches that coexist see each other's callers. */
const caller = new AsyncLocalStorage<string | undefined>();

export interface BenchOptions {
  ca?: string;
  privateHostsAllowed?: string[];
  /** Manifest egress addresses, as on Forge; absent means no egress check, as on the local host. */
  egressAllowList?: string[];
  /** A store of the test's own, e.g. one that fails on purpose. */
  store?: MemoryStore;
  /** `kvs` stores records and secrets through @forge/kvs on the platform emulation, as on Forge. */
  storage?: 'memory' | 'kvs';
}

export async function createBench(options: BenchOptions = {}): Promise<Bench> {
  const emulator = new ForgeEmulator({ accountOf: () => caller.getStore() }).install();
  emulator.admins.add(ADMIN);
  emulator.addPage(PAGES.eng, PAGES.eng.spaceKey);
  emulator.addPage(PAGES.ops, PAGES.ops.spaceKey);
  emulator.addPage({ ...PAGES.restricted, viewers: [ADMIN] }, PAGES.restricted.spaceKey);

  const onKvs = options.storage === 'kvs';
  const store: Store = options.store ?? (onKvs ? new KvsStore() : new MemoryStore());
  const secrets: SecretStore = onKvs ? new KvsSecretStore() : new MemorySecretStore();
  const logs: LogLine[] = [];
  const logger: Logger = {
    info: (event, fields = {}) => logs.push({ level: 'info', event, fields }),
    warn: (event, fields = {}) => logs.push({ level: 'warn', event, fields }),
    error: (event, fields = {}) => logs.push({ level: 'error', event, fields }),
  };
  const privateHostsAllowed = options.privateHostsAllowed ?? [];
  let runtime: Promise<ConverterRuntime> | undefined;

  const fetch = createNodeFetch({ policy: { privateHostsAllowed }, ca: options.ca });
  const handler = createForgeHandler(
    (trusted): ResolverDeps => {
      const siteId = siteIdFrom(trusted.installContext);
      return {
        store,
        secrets,
        fetch,
        clock: { now: () => Date.now() },
        logger,
        network: { privateHostsAllowed, egressAllowList: options.egressAllowList },
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
        locale: callOptions.locale ?? 'en-US',
        timezone: callOptions.timezone ?? 'UTC',
        extension: {
          type: 'macro',
          content: callOptions.pageId ? { id: callOptions.pageId, type: 'page' } : undefined,
          space: callOptions.spaceKey ? { key: callOptions.spaceKey } : undefined,
        },
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
    privateHostsAllowed,
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
