// Dependencies for one Forge invocation. Nothing here calls the platform when
// the module loads: stores are created on first use and every Forge call
// happens inside a resolver.

import { createConverterRuntime, type ConverterRuntime, type ConverterRuntimeOptions } from '../../core/convert';
import { systemClock } from '../../core/ports';
import type { MakeDeps, ResolverDeps } from '../../resolvers/deps';
import { createForgeConfluence } from './confluence';
import { declaredEgress } from './egress';
import { forgeFetchPort } from './fetch';
import { KvsSecretStore } from './kvs-secret-store';
import { KvsStore } from './kvs-store';
import { createConsoleLogger } from './logger';

let store: KvsStore | undefined;
let secrets: KvsSecretStore | undefined;
let converterRuntime: Promise<ConverterRuntime> | undefined;

export const forgeDeps: MakeDeps = (trusted): ResolverDeps => {
  const siteId = siteIdFrom(trusted.installContext);
  store ??= new KvsStore();
  secrets ??= new KvsSecretStore();

  return {
    store,
    secrets,
    fetch: forgeFetchPort,
    clock: systemClock,
    logger: createConsoleLogger({ siteId }),
    // Forge functions cannot reach private networks, so no private host is ever allowed.
    network: { privateHostsAllowed: [], egressAllowList: declaredEgress() },
    confluence: createForgeConfluence(siteId),
    converterRuntime: () => sharedConverterRuntime(),
    siteId,
  };
};

/**
 * Converter runtime settings for a Forge function. isolated-vm cannot load in a
 * Forge bundle, so `auto` settles on QuickJS there. A QuickJS worker's
 * WebAssembly memory may grow to 320 MB, so two workers could take 640 MB of the
 * function's 512 MB: one worker runs converters one at a time instead.
 */
export const FORGE_CONVERTER_OPTIONS: ConverterRuntimeOptions = { engine: 'auto', maxQuickJsWorkers: 1 };

// The runtime is reused across invocations of a warm process; each converter
// run still gets a fresh sandbox.
function sharedConverterRuntime(): Promise<ConverterRuntime> {
  converterRuntime ??= createConverterRuntime(FORGE_CONVERTER_OPTIONS).catch((error: unknown) => {
    converterRuntime = undefined;
    throw error;
  });
  return converterRuntime;
}

/** `ari:cloud:confluence::site/<cloudId>` becomes `<cloudId>`; other forms are used as they are. */
export function siteIdFrom(installContext: string | undefined): string {
  if (!installContext) return 'unknown-site';
  const match = /\/([^/]+)$/.exec(installContext);
  return match?.[1] ?? installContext;
}
