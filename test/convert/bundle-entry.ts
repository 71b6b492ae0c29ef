// Entry of the webpack bundle built by webpack-bundle.test.ts: runs one
// converter with the engine chosen automatically and prints the outcome.

import { createConverterRuntime } from '../../src/core/convert/index';

async function main(): Promise<void> {
  const runtime = await createConverterRuntime();
  try {
    const result = await runtime.run({
      source: "function convert(json) {\n  return pq.entries(pq.countBy(JSON.parse(json).issues, 'fields.issuetype.name'), 'Type', 'Issues');\n}",
      json: JSON.stringify({ issues: [{ fields: { issuetype: { name: 'Bug' } } }, { fields: { issuetype: { name: 'Bug' } } }] }),
      metadata: { queryName: 'bundle', queryParameters: {}, originalQueryParameters: {}, status: 200, headers: {} },
    });
    const failure = await runtime
      .run({
        source: 'function convert() {\n  for (;;) {}\n}',
        json: '{}',
        metadata: { queryName: 'bundle', queryParameters: {}, originalQueryParameters: {}, status: 200, headers: {} },
        limits: { timeoutMs: 200 },
      })
      .catch((error: { code?: string }) => error.code);
    process.stdout.write(JSON.stringify({ engine: runtime.engine, value: result.value, failure }));
  } finally {
    await runtime.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exitCode = 1;
});
