// The converter sandbox contract. A converter is user-written JavaScript that
// defines `convert(json, metadata)`. It runs in an isolated engine with time,
// memory and output limits, and its result comes back as plain JSON data.

import type { Logger } from '../ports';

export type ConverterEngine = 'isolated-vm' | 'quickjs';

export type ConverterEngineChoice = 'auto' | ConverterEngine;

/** Limits of one converter run. Callers pass a partial object; missing fields take the defaults. */
export interface ConverterLimits {
  /** Wall time of the whole run, parsing the response included, in milliseconds. */
  timeoutMs: number;
  /** Heap of the sandbox in megabytes. The parsed response lives there too. */
  memoryMb: number;
  /** Size of the result serialized as UTF-8 JSON, in bytes. */
  maxOutputBytes: number;
}

/** The second argument of `convert`, as PocketQuery passes it. */
export interface ConverterMetadata {
  queryName: string;
  /** Parameter values after defaults and context wildcards were applied. */
  queryParameters: Record<string, unknown>;
  /** Parameter values as the macro or caller sent them. */
  originalQueryParameters: Record<string, unknown>;
  /** HTTP status of the upstream response. */
  status: number;
  /** Upstream response headers, names in lower case. */
  headers: Record<string, string>;
}

export interface ConverterRunInput {
  /** Converter source; it must define a function named `convert`. */
  source: string;
  /** Raw response text. The converter receives it as a string and usually calls `JSON.parse`. */
  json: string;
  metadata: ConverterMetadata;
  limits?: Partial<ConverterLimits>;
  /** Name shown in error messages and error details. */
  converterName?: string;
}

export interface ConverterRunResult {
  /** The converter's return value after a JSON round trip. */
  value: unknown;
  durationMs: number;
}

export type SyntaxCheckResult = { ok: true } | { ok: false; message: string; line?: number; column?: number };

export interface ConverterRuntime {
  readonly engine: ConverterEngine;
  /** Runs one converter in a fresh sandbox. Rejects with a ConverterError (an AppError) on failure. */
  run(input: ConverterRunInput): Promise<ConverterRunResult>;
  /** Compiles the source without running it. */
  checkSyntax(source: string): Promise<SyntaxCheckResult>;
  /** Releases workers and native handles. The runtime is unusable afterwards. */
  dispose(): Promise<void>;
}

export interface ConverterRuntimeOptions {
  /** `auto` (the default) picks isolated-vm when its native addon loads, else QuickJS. */
  engine?: ConverterEngineChoice;
  /** Receives engine fallbacks and sandbox hosts that were killed or died; converter errors themselves are thrown, not logged. */
  logger?: Logger;
  /** QuickJS worker threads running at once (default 2). Each may grow its WebAssembly memory to the limit in quickjs/worker-host.ts. */
  maxQuickJsWorkers?: number;
}
