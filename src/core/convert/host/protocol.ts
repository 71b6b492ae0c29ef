// Messages between the application and a sandbox host: a QuickJS worker
// (quickjs/worker-main.cjs) or an isolated-vm child process
// (isolated-vm/child-main.cjs). Both speak the same protocol.

export interface RunJob {
  type: 'run';
  prelude: string;
  preludeFilename: string;
  harnessGlobal: string;
  source: string;
  filename: string;
  json: string;
  metadataJson: string;
  timeoutMs: number;
  memoryBytes: number;
  stackBytes: number;
  maxOutputBytes: number;
}

export interface CheckJob {
  type: 'check';
  source: string;
  filename: string;
  memoryBytes: number;
}

export type WorkerJob = RunJob | CheckJob;

export interface EngineError {
  name: string;
  message: string;
  stack: string;
}

export type WorkerReply = (
  | { type: 'ready' }
  | { type: 'result'; status: string; output: string }
  | { type: 'compiled' }
  | ({ type: 'syntax' } & EngineError)
  | ({ type: 'failed'; step: 'prelude' | 'top-level' | 'convert' | 'finish'; memoryLimitHit?: boolean } & EngineError)
  | { type: 'crashed'; message: string }
) & { recycle?: boolean };
