// The converter runtime on isolated-vm: every run gets a new V8 isolate with
// its own heap limit, inside a child process that may die without taking the
// application with it (see child-main.cjs for why).

import { memoryError, timeoutError } from '../outcome';
import { PooledConverterRuntime, thrownByConverter, type EngineErrorClassifier } from '../host/pooled-runtime';
import type { Logger } from '../../ports';
import { IsolatedVmChildHost } from './child-host';

export interface IsolatedVmRuntimeOptions {
  /** Child processes running at once; further runs wait. */
  maxProcesses: number;
  startTimeoutMs: number;
  logger?: Logger;
}

const classifyIsolatedVmError: EngineErrorClassifier = (reply, context) => {
  if (reply.memoryLimitHit || /memory limit/i.test(reply.message)) return memoryError(context);
  if (reply.message === 'Script execution timed out.') return timeoutError(context);
  return thrownByConverter(reply, context);
};

export function createIsolatedVmRuntime(addonPath: string, options: Partial<IsolatedVmRuntimeOptions> = {}): PooledConverterRuntime {
  const startTimeoutMs = options.startTimeoutMs ?? 15_000;
  return new PooledConverterRuntime({
    engine: 'isolated-vm',
    logger: options.logger,
    createHost: () => new IsolatedVmChildHost(addonPath, startTimeoutMs),
    maxHosts: options.maxProcesses ?? 2,
    classifyEngineError: classifyIsolatedVmError,
  });
}
