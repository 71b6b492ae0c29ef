// The converter runtime of a Forge function: a single QuickJS worker, so two
// runaway converters cannot together grow past the function's memory.

import { expect, it } from 'vitest';

import { createConverterRuntime } from '../../src/core/convert';
import { FORGE_CONVERTER_OPTIONS } from '../../src/platform/forge/deps';

const METADATA = { queryName: 'q', queryParameters: {}, originalQueryParameters: {}, status: 200, headers: {} };

const QUICK_SOURCE = 'function convert() {\n  return 1;\n}';

// Busy for 400 ms, returning when it started and ended by the sandbox clock.
const BUSY_SOURCE = 'function convert() {\n  const start = Date.now();\n  while (Date.now() - start < 400) {}\n  return [start, Date.now()];\n}';

it('runs Forge converters one at a time', { timeout: 30_000 }, async () => {
  // In a Forge bundle `auto` settles on QuickJS; here isolated-vm would load, so QuickJS is named.
  const runtime = await createConverterRuntime({ ...FORGE_CONVERTER_OPTIONS, engine: 'quickjs' });
  try {
    const run = (source: string) => runtime.run({ source, json: '{}', metadata: METADATA, converterName: 'Busy', limits: { timeoutMs: 5_000 } });

    // A first pair of runs starts every worker the pool allows, so worker start-up cannot serialize the busy pair below.
    await Promise.all([run(QUICK_SOURCE), run(QUICK_SOURCE)]);
    const results = await Promise.all([run(BUSY_SOURCE), run(BUSY_SOURCE)]);
    const [first, second] = results.map((result) => result.value as [number, number]).sort((a, b) => a[0] - b[0]);

    // With one worker the second run starts only after the first ended.
    expect(second?.[0]).toBeGreaterThanOrEqual(first?.[1] ?? Number.POSITIVE_INFINITY);
  } finally {
    await runtime.dispose();
  }
});
