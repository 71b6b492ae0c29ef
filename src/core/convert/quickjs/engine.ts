// The converter runtime on QuickJS compiled to WebAssembly, for hosts where the
// isolated-vm addon cannot load (Forge's bundle). QuickJS runs in a worker
// thread because its memory limit can fire late and its interrupt handler does
// not run inside one long allocation. The application kills the worker at a
// hard wall-time deadline, and V8 bounds the worker's own heap.

import { PooledConverterRuntime, thrownByConverter, type EngineErrorClassifier } from '../host/pooled-runtime';
import type { Logger } from '../../ports';
import { DEFAULT_WORKER_HOST_OPTIONS, QuickJsWorkerHost, type WorkerHostOptions } from './worker-host';

export interface QuickJsRuntimeOptions extends WorkerHostOptions {
  /** Worker threads running at once; further runs wait. */
  maxWorkers: number;
  logger?: Logger;
}

// QuickJS ends an interrupted run with an uncatchable InternalError "interrupted",
// which the shared mapping of thrown errors turns into a timeout.
const classifyQuickJsError: EngineErrorClassifier = (reply, context) => thrownByConverter(reply, context);

export function createQuickJsRuntime(options: Partial<QuickJsRuntimeOptions> = {}): PooledConverterRuntime {
  const hostOptions: WorkerHostOptions = { ...DEFAULT_WORKER_HOST_OPTIONS, ...options };
  return new PooledConverterRuntime({
    engine: 'quickjs',
    logger: options.logger,
    createHost: () => new QuickJsWorkerHost(hostOptions),
    maxHosts: options.maxWorkers ?? 2,
    classifyEngineError: classifyQuickJsError,
  });
}

