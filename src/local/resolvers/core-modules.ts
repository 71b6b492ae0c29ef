// Loads the shared modules the local host runs: the Forge resolver handler,
// Node's fetch transport and the converter runtime. They are imported on first
// use, so the shell starts quickly and reports a clear error per call when one
// of them fails to load.

import type { ConverterRuntime } from '../../core/convert/types';
import type { FetchPort } from '../../core/ports';
import type { MakeDeps } from '../../resolvers/deps';

export type ForgeEventHandler = (
  event: { call: { functionKey: string; payload: unknown; jobId?: string }; context: Record<string, unknown> },
  runtime: { principal: { accountId: string }; installContext: string; license: unknown },
) => Promise<unknown>;

// NOTE: the specifiers are held in variables until the transport and runtime
// factories exist in the shared core; switch to static imports then.
const NODE_TRANSPORT = '../../core/http/node-transport';
const CONVERTER_RUNTIME = '../../core/convert';

export async function loadForgeHandler(makeDeps: MakeDeps): Promise<ForgeEventHandler> {
  const { createForgeHandler } = await import('../../resolvers/handler');
  return createForgeHandler(makeDeps) as unknown as ForgeEventHandler;
}

export async function loadNodeFetch(ca: string): Promise<FetchPort> {
  const module = (await import(NODE_TRANSPORT)) as { createNodeFetch(options: { ca?: string }): FetchPort };
  return module.createNodeFetch({ ca });
}

export async function loadConverterRuntime(): Promise<ConverterRuntime> {
  const module = (await import(CONVERTER_RUNTIME)) as { createConverterRuntime(options?: object): ConverterRuntime | Promise<ConverterRuntime> };
  return module.createConverterRuntime();
}
