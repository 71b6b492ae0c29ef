// A ConverterRuntime that sends each run to a pool of sandbox hosts and turns
// the reply into a value or a ConverterError. The engines differ only in the
// host they start and in how their engine reports an exception that escaped
// the harness (see EngineErrorClassifier).

import { ConverterError } from '../../../errors/converter-error';
import { stripByteOrderMark } from '../default-converter';
import { resolveConverterLimits } from '../limits';
import {
  decodeOutput,
  errorFromStatus,
  findSourcePosition,
  memoryError,
  parseHarnessStatus,
  syntaxError,
  timeoutError,
  type RunContext,
} from '../outcome';
import { CONVERTER_FILENAME, HARNESS_GLOBAL, PRELUDE_FILENAME, PRELUDE_SOURCE } from '../sandbox/prelude-source';
import type { ConverterEngine, ConverterRunInput, ConverterRunResult, ConverterRuntime, SyntaxCheckResult } from '../types';
import { HostPool, HostStoppedError, type SandboxHost } from './host-pool';
import type { WorkerJob, WorkerReply } from './protocol';
import type { Logger } from '../../ports';

const MEGABYTE = 1024 * 1024;

// Native stack QuickJS may use for recursion; isolated-vm uses V8's own limit.
const STACK_BYTES = 512 * 1024;

const SYNTAX_CHECK_MEMORY_BYTES = 32 * MEGABYTE;

/**
 * Time beyond the converter's limit before the application kills the host. It
 * covers copying the response into the host and the engine; normally the
 * engine's own timeout or interrupt ends the run at the limit.
 */
export function hardKillAfterMs(timeoutMs: number): number {
  return timeoutMs + 250 + Math.ceil(timeoutMs / 4);
}

export type FailedReply = Extract<WorkerReply, { type: 'failed' }>;

/** Maps an engine exception that escaped the harness: timeout, memory, or a throw from top-level code. */
export type EngineErrorClassifier = (reply: FailedReply, context: RunContext) => ConverterError;

export interface PooledRuntimeOptions {
  engine: ConverterEngine;
  logger?: Logger;
  createHost: () => SandboxHost<WorkerJob, WorkerReply>;
  maxHosts: number;
  classifyEngineError: EngineErrorClassifier;
}

/** Maps a throw from the converter's code to CONVERTER_ERROR (or memory or timeout), the same way for both engines. */
export function thrownByConverter(reply: FailedReply, context: RunContext): ConverterError {
  const position = findSourcePosition(reply.stack);
  return errorFromStatus(context, { kind: 'threw', name: reply.name, message: reply.message, ...position }) as ConverterError;
}

export class PooledConverterRuntime implements ConverterRuntime {
  readonly engine: ConverterEngine;
  private readonly pool: HostPool<WorkerJob, WorkerReply>;
  private readonly classifyEngineError: EngineErrorClassifier;
  private readonly logger: Logger | undefined;
  private disposed = false;

  constructor(options: PooledRuntimeOptions) {
    this.engine = options.engine;
    this.logger = options.logger;
    this.classifyEngineError = options.classifyEngineError;
    this.pool = new HostPool(options.createHost, { maxHosts: options.maxHosts });
  }

  /** Starts the first host and waits until it is ready; rejects when the engine cannot start here. */
  async start(): Promise<void> {
    await this.pool.prewarm()?.ready;
  }

  async run(input: ConverterRunInput): Promise<ConverterRunResult> {
    this.assertUsable();
    const context: RunContext = { converterName: input.converterName, limits: resolveConverterLimits(input.limits) };
    const started = performance.now();

    const reply = await this.exec(context, {
      type: 'run',
      prelude: PRELUDE_SOURCE,
      preludeFilename: PRELUDE_FILENAME,
      harnessGlobal: HARNESS_GLOBAL,
      source: input.source,
      filename: CONVERTER_FILENAME,
      json: stripByteOrderMark(input.json),
      metadataJson: JSON.stringify(input.metadata),
      timeoutMs: context.limits.timeoutMs,
      memoryBytes: context.limits.memoryMb * MEGABYTE,
      stackBytes: STACK_BYTES,
      maxOutputBytes: context.limits.maxOutputBytes,
    });

    const value = this.valueFromReply(reply, context);
    return { value, durationMs: performance.now() - started };
  }

  async checkSyntax(source: string): Promise<SyntaxCheckResult> {
    this.assertUsable();
    const context: RunContext = { limits: resolveConverterLimits() };
    const reply = await this.exec(context, {
      type: 'check',
      source,
      filename: CONVERTER_FILENAME,
      memoryBytes: SYNTAX_CHECK_MEMORY_BYTES,
    });

    if (reply.type === 'compiled') return { ok: true };
    if (reply.type === 'syntax') return { ok: false, ...syntaxParts(reply) };
    throw this.errorFromReply(reply, context);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.pool.dispose();
  }

  private async exec(context: RunContext, job: WorkerJob): Promise<WorkerReply> {
    try {
      return await this.pool.exec(job, hardKillAfterMs(context.limits.timeoutMs));
    } catch (error) {
      // The caller gets a ConverterError; the log keeps why the host went away.
      if (error instanceof HostStoppedError && error.reason !== 'disposed') {
        this.logger?.warn('converter.sandbox_stopped', {
          engine: this.engine,
          reason: error.reason,
          message: error.message,
          converter: context.converterName,
        });
      }
      throw this.errorFromStoppedHost(error, context);
    }
  }

  private valueFromReply(reply: WorkerReply, context: RunContext): unknown {
    if (reply.type !== 'result') throw this.errorFromReply(reply, context);

    const failure = errorFromStatus(context, parseHarnessStatus(context, reply.status));
    if (failure) throw failure;
    return decodeOutput(context, reply.output);
  }

  private errorFromReply(reply: WorkerReply, context: RunContext): ConverterError {
    switch (reply.type) {
      case 'syntax': {
        const { message, line, column } = syntaxParts(reply);
        return syntaxError(context, message, { line, column });
      }
      case 'failed':
        return this.classifyEngineError(reply, context);
      case 'crashed':
        // The engine itself failed mid-run; under a memory limit that is almost always exhaustion.
        return memoryError(context);
      default:
        return new ConverterError('SANDBOX_UNAVAILABLE', `The ${this.engine} sandbox sent an unexpected reply: ${reply.type}.`);
    }
  }

  private errorFromStoppedHost(error: unknown, context: RunContext): ConverterError {
    if (!(error instanceof HostStoppedError)) {
      return new ConverterError('SANDBOX_UNAVAILABLE', `The ${this.engine} sandbox failed unexpectedly.`, { cause: error });
    }
    switch (error.reason) {
      case 'wall-time':
        return timeoutError(context);
      case 'out-of-memory':
        return memoryError(context);
      default:
        return new ConverterError('SANDBOX_UNAVAILABLE', `The ${this.engine} sandbox is not available: ${error.message}`, {
          converterName: context.converterName,
          hint: 'Run the converter again. If this keeps happening, check the server log for sandbox errors.',
          cause: error,
        });
    }
  }

  private assertUsable(): void {
    if (this.disposed) throw new ConverterError('SANDBOX_UNAVAILABLE', 'The converter runtime was disposed.');
  }
}

// isolated-vm appends " [converter.js:line:column]" to compile errors; QuickJS puts the position in the stack.
const POSITION_SUFFIX = /\s*\[[^\]]*:\d+:\d+\]$/;

function syntaxParts(reply: Extract<WorkerReply, { type: 'syntax' }>): { message: string; line?: number; column?: number } {
  const position = findSourcePosition(`${reply.message}\n${reply.stack}`);
  return { message: reply.message.replace(POSITION_SUFFIX, ''), ...position };
}
