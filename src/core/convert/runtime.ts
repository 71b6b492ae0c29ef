// Picks the converter engine: isolated-vm wherever its native addon loads,
// QuickJS elsewhere. Callers can force one; the PQ_CONVERTER_ENGINE
// environment variable does the same for a whole process.

import { ConverterError } from '../../errors/converter-error';
import { createIsolatedVmRuntime } from './isolated-vm/engine';
import { locateIsolatedVm } from './isolated-vm/locate';
import { createQuickJsRuntime } from './quickjs/engine';
import type { Logger } from '../ports';
import type { ConverterEngineChoice, ConverterRuntime, ConverterRuntimeOptions } from './types';

export const ENGINE_ENVIRONMENT_VARIABLE = 'PQ_CONVERTER_ENGINE';

const ENGINE_CHOICES: readonly ConverterEngineChoice[] = ['auto', 'isolated-vm', 'quickjs'];

function isEngineChoice(value: string): value is ConverterEngineChoice {
  return (ENGINE_CHOICES as readonly string[]).includes(value);
}

/** Chooses the engine: an explicit option wins, and `auto` or no option defers to the environment variable. */
function chooseEngine(requested: ConverterEngineChoice | undefined): ConverterEngineChoice {
  if (requested !== undefined && requested !== 'auto') return requested;

  const fromEnvironment = process.env[ENGINE_ENVIRONMENT_VARIABLE]?.trim();
  if (!fromEnvironment) return 'auto';
  if (!isEngineChoice(fromEnvironment)) {
    throw new ConverterError(
      'SANDBOX_UNAVAILABLE',
      `${ENGINE_ENVIRONMENT_VARIABLE} is "${fromEnvironment}", which is not a converter engine.`,
      { hint: `Set ${ENGINE_ENVIRONMENT_VARIABLE} to auto, isolated-vm or quickjs, or unset it.` },
    );
  }
  return fromEnvironment;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Starts isolated-vm, or explains why it cannot run here. */
async function startIsolatedVm(logger: Logger | undefined): Promise<{ ok: true; runtime: ConverterRuntime } | { ok: false; reason: string; error: unknown }> {
  const location = await locateIsolatedVm();
  if (!location.ok) return { ok: false, reason: `the isolated-vm package is not installed (${reasonOf(location.error)})`, error: location.error };

  const runtime = createIsolatedVmRuntime(location.path, { logger });
  try {
    await runtime.start();
    return { ok: true, runtime };
  } catch (error) {
    await runtime.dispose();
    return { ok: false, reason: `the isolated-vm addon does not load (${reasonOf(error)})`, error };
  }
}

export async function createConverterRuntime(options: ConverterRuntimeOptions = {}): Promise<ConverterRuntime> {
  const choice = chooseEngine(options.engine);
  if (choice === 'quickjs') return startQuickJs(options);

  const started = await startIsolatedVm(options.logger);
  if (started.ok) return started.runtime;
  if (choice === 'auto') {
    options.logger?.info('converter.engine_fallback', { engine: 'quickjs', reason: started.reason });
    return startQuickJs(options);
  }

  throw new ConverterError('SANDBOX_UNAVAILABLE', `The isolated-vm converter engine was requested, but ${started.reason}.`, {
    hint: 'Install the optional isolated-vm package for this Node version, or use the quickjs engine.',
    cause: started.error,
  });
}

async function startQuickJs({ logger, maxQuickJsWorkers }: ConverterRuntimeOptions): Promise<ConverterRuntime> {
  const runtime = createQuickJsRuntime({ logger, maxWorkers: maxQuickJsWorkers });
  try {
    await runtime.start();
    return runtime;
  } catch (error) {
    await runtime.dispose();
    throw new ConverterError('SANDBOX_UNAVAILABLE', `The QuickJS converter engine cannot start: ${reasonOf(error)}`, {
      hint: 'Check that worker threads are available in this Node runtime; the server log has the details.',
      cause: error,
    });
  }
}
