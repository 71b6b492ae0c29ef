import { afterEach, describe, expect, it } from 'vitest';
import { createConverterRuntime, ENGINE_ENVIRONMENT_VARIABLE, isConverterError } from '../../src/core/convert/index';
import type { ConverterRuntime } from '../../src/core/convert/index';

const METADATA = { queryName: 'q', queryParameters: {}, originalQueryParameters: {}, status: 200, headers: {} };

describe('createConverterRuntime', () => {
  const started: ConverterRuntime[] = [];
  const savedEngine = process.env[ENGINE_ENVIRONMENT_VARIABLE];

  afterEach(async () => {
    if (savedEngine === undefined) delete process.env[ENGINE_ENVIRONMENT_VARIABLE];
    else process.env[ENGINE_ENVIRONMENT_VARIABLE] = savedEngine;
    await Promise.all(started.splice(0).map((runtime) => runtime.dispose()));
  });

  async function start(options?: Parameters<typeof createConverterRuntime>[0]) {
    const runtime = await createConverterRuntime(options);
    started.push(runtime);
    return runtime;
  }

  it('auto picks isolated-vm where the addon loads', async () => {
    delete process.env[ENGINE_ENVIRONMENT_VARIABLE];
    expect((await start()).engine).toBe('isolated-vm');
    expect((await start({ engine: 'auto' })).engine).toBe('isolated-vm');
  });

  it('environment variable overrides auto', async () => {
    process.env[ENGINE_ENVIRONMENT_VARIABLE] = 'quickjs';
    expect((await start()).engine).toBe('quickjs');
  });

  it('explicit engine beats environment variable', async () => {
    process.env[ENGINE_ENVIRONMENT_VARIABLE] = 'quickjs';
    expect((await start({ engine: 'isolated-vm' })).engine).toBe('isolated-vm');
  });

  it('rejects an unknown engine name', async () => {
    process.env[ENGINE_ENVIRONMENT_VARIABLE] = 'v8';
    const error = await createConverterRuntime().catch((caught: unknown) => caught);
    expect(isConverterError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'SANDBOX_UNAVAILABLE', message: 'PQ_CONVERTER_ENGINE is "v8", which is not a converter engine.' });
  });

  it('logs a killed sandbox', async () => {
    const events: { event: string; fields?: Record<string, unknown> }[] = [];
    const logger = {
      info: (event: string, fields?: Record<string, unknown>) => events.push({ event, fields }),
      warn: (event: string, fields?: Record<string, unknown>) => events.push({ event, fields }),
      error: (event: string, fields?: Record<string, unknown>) => events.push({ event, fields }),
    };
    const runtime = await start({ engine: 'isolated-vm', logger });

    // V8 aborts the child process on this allocation before isolated-vm's memory limit reacts.
    const source = 'function convert() {\n  return new Array(5e7).fill(1).length;\n}';
    await expect(runtime.run({ source, json: '{}', metadata: METADATA, converterName: 'Filler', limits: { memoryMb: 32, timeoutMs: 10_000 } })).rejects.toMatchObject({
      code: 'CONVERTER_MEMORY',
    });

    expect(events).toEqual([
      {
        event: 'converter.sandbox_stopped',
        fields: {
          engine: 'isolated-vm',
          reason: 'out-of-memory',
          message: expect.stringMatching(/^The isolated-vm process exited with /),
          converter: 'Filler',
        },
      },
    ]);
  });

  it('disposed runtime rejects runs', async () => {
    const runtime = await createConverterRuntime({ engine: 'quickjs' });
    await runtime.dispose();
    await expect(runtime.run({ source: 'function convert() { return 1; }', json: '{}', metadata: METADATA })).rejects.toMatchObject({
      code: 'SANDBOX_UNAVAILABLE',
    });
  });
});
