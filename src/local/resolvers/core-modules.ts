// Loads the shared modules the local host runs: the Forge resolver handler,
// Node's fetch transport and the converter runtime. The handler and the
// runtime are imported on first use, so the shell starts quickly and a module
// that fails to load is reported per call with its reason.

import type { ConverterRuntime } from '../../core/convert/types';
import type { NetworkPolicy } from '../../core/http';
import { createNodeFetch } from '../../core/http/node-transport';
import type { FetchPort } from '../../core/ports';
import type { MakeDeps } from '../../resolvers/deps';

export type ForgeEventHandler = (
  event: { call: { functionKey: string; payload: unknown; jobId?: string }; context: Record<string, unknown> },
  runtime: { principal: { accountId: string }; installContext: string; license: unknown },
) => Promise<unknown>;

export async function loadForgeHandler(makeDeps: MakeDeps): Promise<ForgeEventHandler> {
  const { createForgeHandler } = await import('../../resolvers/handler');
  return createForgeHandler(makeDeps) as unknown as ForgeEventHandler;
}

/** Node's fetch with the demo API's certificate trusted beside the system roots. */
export function createHostFetch(policy: NetworkPolicy, ca: string): FetchPort {
  return createNodeFetch({ policy, ca });
}

export async function loadConverterRuntime(): Promise<ConverterRuntime> {
  const { createConverterRuntime } = await import('../../core/convert');
  return createConverterRuntime();
}
