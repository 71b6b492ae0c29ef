// A worker thread running worker-main.cjs. Each job gets a fresh QuickJS
// runtime inside it; the thread itself stays warm between jobs.

import { Worker } from 'node:worker_threads';
import { HostStoppedError, SandboxHost } from '../host/host-pool';
import { CONVERTER_LIMIT_CEILINGS, DEFAULT_CONVERTER_LIMITS } from '../limits';
import type { WorkerJob, WorkerReply } from '../host/protocol';
import { quickJsWorkerSource } from './worker-source';

export interface WorkerHostOptions {
  startTimeoutMs: number;
  /** V8 heap of the worker: the response text and the result string live there; QuickJS's own heap does not. */
  workerHeapMb: number;
  /** Hard maximum of the WebAssembly memory that contains QuickJS's heap, shared by all runs of one worker. */
  wasmMemoryMaxMb: number;
  /** A worker whose WebAssembly memory grew past this is replaced after its run, because that memory never shrinks. */
  recycleAboveMb: number;
}

export const DEFAULT_WORKER_HOST_OPTIONS: WorkerHostOptions = {
  startTimeoutMs: 15_000,
  workerHeapMb: 192,
  // The ceiling of the per-run memory limit plus room for QuickJS's own bookkeeping.
  wasmMemoryMaxMb: CONVERTER_LIMIT_CEILINGS.memoryMb + 64,
  recycleAboveMb: DEFAULT_CONVERTER_LIMITS.memoryMb + 32,
};

export class QuickJsWorkerHost extends SandboxHost<WorkerJob, WorkerReply> {
  private readonly worker: Worker;

  constructor(options: WorkerHostOptions = DEFAULT_WORKER_HOST_OPTIONS) {
    super(options.startTimeoutMs);

    // Started from source text, so a single-file bundle needs no worker file.
    // An empty env keeps secrets in the host's environment out of the worker.
    this.worker = new Worker(quickJsWorkerSource(), {
      eval: true,
      env: {},
      workerData: { wasmMemoryMaxMb: options.wasmMemoryMaxMb, recycleAboveMb: options.recycleAboveMb },
      resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb, maxYoungGenerationSizeMb: 32 },
    });
    this.worker.on('message', (reply: WorkerReply) => this.receive(reply));
    this.worker.on('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'exited';
      this.stop(new HostStoppedError(reason, `The QuickJS worker failed: ${error.message}`, { cause: error }));
    });
    this.worker.on('exit', (code) => {
      this.stop(new HostStoppedError('exited', `The QuickJS worker exited with code ${code}.`));
    });
  }

  protected send(job: WorkerJob): void {
    this.worker.postMessage(job);
  }

  protected kill(): void {
    void this.worker.terminate();
  }

  protected setKeepAlive(keepAlive: boolean): void {
    if (keepAlive) this.worker.ref();
    else this.worker.unref();
  }
}
