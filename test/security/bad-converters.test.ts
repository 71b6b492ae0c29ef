// Hostile and broken converters through converters/test and macro/run: each
// ends in a stable code that names the converter or the line, nothing from
// the host is reachable inside the sandbox, nothing persists between runs,
// and the next good converter still runs.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ErrorCode } from '../../src/contract/errors';
import { createConverterRuntime, type ConverterRuntime } from '../../src/core/convert';
import { isAppError } from '../../src/errors/app-error';
import { PAGES, createBench, type Bench } from './support/bench';
import { converterDraft, datasourceDraft, queryDraft } from './support/drafts';
import { startEchoServer, type EchoServer } from './support/echo-server';
import { expectError } from './support/expect-error';

type FailingCase = [name: string, source: string, code: ErrorCode, fragment: string];

const FAILING: FailingCase[] = [
  ['syntax error', 'function convert(json) { return [; }', 'CONVERTER_SYNTAX', 'line 1'],
  ['syntax error on line 3', 'function convert(json) {\n  const a = 1;\n  return a +* 2;\n}', 'CONVERTER_SYNTAX', 'line 3'],
  ['no convert function', 'const rows = [];', 'CONVERTER_ERROR', 'no function named convert'],
  ['convert not a function', 'var convert = 42;', 'CONVERTER_ERROR', 'convert is number'],
  ['throws an Error', 'function convert(json) { throw new Error("boom from converter"); }', 'CONVERTER_ERROR', 'boom from converter'],
  ['throws a string', 'function convert(json) { throw "plain string thrown"; }', 'CONVERTER_ERROR', 'plain string thrown'],
  ['throws null', 'function convert(json) { throw null; }', 'CONVERTER_ERROR', 'null'],
  ['rejects a promise', 'async function convert(json) { throw new Error("async boom"); }', 'CONVERTER_ERROR', 'async boom'],
  ['JSON.parse of bad input', 'function convert(json) { return JSON.parse(json + "}"); }', 'CONVERTER_ERROR', 'JSON'],
  ['infinite loop', 'function convert(json) { for (;;) {} }', 'CONVERTER_TIMEOUT', 'ms'],
  ['infinite while in a callback', 'function convert(json) { [1].forEach(() => { while (true) {} }); }', 'CONVERTER_TIMEOUT', 'ms'],
  ['loop in a promise callback', 'function convert(json) { Promise.resolve().then(() => { for (;;) {} }); return []; }', 'CONVERTER_TIMEOUT', 'ms'],
  ['async loop after await', 'async function convert(json) { await null; for (;;) {} }', 'CONVERTER_TIMEOUT', 'ms'],
  ['never settling promise', 'function convert(json) { return new Promise(() => {}); }', 'CONVERTER_INVALID_OUTPUT', 'never settled'],
  ['catastrophic regex', 'function convert(json) { return /^(a+)+$/.test("a".repeat(40) + "b"); }', 'CONVERTER_TIMEOUT', 'ms'],
  ['memory bomb array', 'function convert(json) { const a = []; for (;;) a.push(new Array(1e6).fill(1)); }', 'CONVERTER_MEMORY', 'MB'],
  ['memory bomb string', 'function convert(json) { let s = "x"; for (;;) s += s; }', 'CONVERTER_MEMORY', 'MB'],
  ['huge output', 'function convert(json) { return "x".repeat(8 * 1024 * 1024); }', 'CONVERTER_OUTPUT_TOO_LARGE', '5.0 MB'],
  ['many rows output', 'function convert(json) { return Array.from({ length: 400000 }, (_, i) => ({ id: i, text: "row " + i })); }', 'CONVERTER_OUTPUT_TOO_LARGE', '5.0 MB'],
  ['cyclic result', 'function convert(json) { const a = {}; a.self = a; return a; }', 'CONVERTER_INVALID_OUTPUT', 'cycl'],
  ['function result', 'function convert(json) { return function () {}; }', 'CONVERTER_INVALID_OUTPUT', 'function'],
  ['undefined result', 'function convert(json) { }', 'CONVERTER_INVALID_OUTPUT', 'undefined'],
  ['symbol result', 'function convert(json) { return Symbol("x"); }', 'CONVERTER_INVALID_OUTPUT', 'symbol'],
  ['bigint result', 'function convert(json) { return 10n; }', 'CONVERTER_INVALID_OUTPUT', 'BigInt'],
  ['stack overflow', 'function convert(json) { const f = () => f(); return f(); }', 'CONVERTER_ERROR', 'stack'],
  ['reads process', 'function convert(json) { return process.env; }', 'CONVERTER_ERROR', 'process'],
  ['calls require', 'function convert(json) { return require("fs").readFileSync("/etc/passwd", "utf8"); }', 'CONVERTER_ERROR', 'require'],
  ['calls fetch', 'function convert(json) { return fetch("https://example.com"); }', 'CONVERTER_ERROR', 'fetch'],
  ['calls setTimeout', 'function convert(json) { return new Promise((r) => setTimeout(r, 1)); }', 'CONVERTER_ERROR', 'setTimeout'],
  ['constructor escape', 'function convert(json) { return this.constructor.constructor("return process")().env; }', 'CONVERTER_ERROR', 'process'],
  ['Function escape', 'function convert(json) { return Function("return globalThis.process.mainModule")(); }', 'CONVERTER_ERROR', 'mainModule'],
  ['error prototype escape', 'function convert(json) { try { null.f(); } catch (e) { return e.constructor.constructor("return process")().pid; } }', 'CONVERTER_ERROR', 'process'],
  ['dynamic import', 'async function convert(json) { const fs = await import("fs"); return fs.readdirSync("/"); }', 'CONVERTER_ERROR', 'line 1'],
];

/** Converters that run but must find nothing of the host. [name, source, expected output]. */
const CONTAINED: [string, string, unknown][] = [
  ['sees no host globals', 'function convert() { return ["process", "require", "module", "Buffer", "fetch", "setTimeout", "setInterval", "XMLHttpRequest", "WebSocket"].filter((name) => typeof globalThis[name] !== "undefined"); }', []],
  ['gets no host object from constructor', 'function convert() { const g = Function("return this")(); return typeof g.process; }', 'undefined'],
  ['cannot read the filesystem by name', 'function convert() { return typeof Deno + typeof Bun + typeof __dirname + typeof __filename; }', 'undefinedundefinedundefinedundefined'],
];

describe('bad converters', () => {
  let bench: Bench;
  let upstream: EchoServer;
  let datasourceId: string;

  beforeAll(async () => {
    upstream = await startEchoServer();
    upstream.answer({ body: [{ key: 'A-1' }] });
    bench = await createBench({ privateHostsAllowed: [`127.0.0.1:${upstream.port}`] });
    datasourceId = (await bench.admin('datasources/save', { draft: datasourceDraft(upstream.url), secrets: { token: 'converter-token' } })).id;
  });
  afterAll(async () => {
    await bench.close();
    await upstream.close();
  });

  const test = (source: string) => bench.call('converters/test', { source, sampleInput: '{"issues":[]}' });

  // Timeouts and memory bombs each take up to the limit, so they run side by side.
  const isSlow = ([, , code]: FailingCase) => code === 'CONVERTER_TIMEOUT' || code === 'CONVERTER_MEMORY';

  it.each(FAILING.filter((entry) => !isSlow(entry)))('refuses %s', async (_name, source, code, fragment) => {
    expectError(await test(source), code, fragment);
  });

  it.concurrent.each(FAILING.filter(isSlow))('refuses %s', async (_name, source, code, fragment) => {
    expectError(await test(source), code, fragment);
  });

  it.each(CONTAINED)('%s', async (_name, source, expected) => {
    const response = await test(source);
    expect(response.ok, JSON.stringify(response)).toBe(true);
    if (response.ok) expect(response.data.output).toEqual(expected);
  });

  it('keeps nothing between runs', async () => {
    const first = await test('function convert() { globalThis.leak = (globalThis.leak || 0) + 1; Object.prototype.polluted = 1; return globalThis.leak; }');
    const second = await test('function convert() { return [typeof globalThis.leak, typeof ({}).polluted]; }');

    expect(first.ok && first.data.output).toBe(1);
    expect(second.ok && second.data.output).toEqual(['undefined', 'undefined']);
  });

  it('runs a good converter after', async () => {
    const response = await test('function convert(json) { return JSON.parse(json).issues; }');
    expect(response.ok && response.data.output).toEqual([]);
  });

  it.each([
    ['throwing', 'function convert(json) { throw new Error("page boom"); }', 'CONVERTER_ERROR', 'page boom'],
    ['looping', 'function convert(json) { for (;;) {} }', 'CONVERTER_TIMEOUT', 'ms'],
    ['cyclic', 'function convert(json) { const a = []; a.push(a); return a; }', 'CONVERTER_INVALID_OUTPUT', 'cycl'],
  ] as const)('fails a page run with a %s converter', async (_name, source, code, fragment) => {
    const converter = await bench.admin('converters/save', { draft: converterDraft(source) });
    const query = await bench.admin('queries/save', { draft: queryDraft(datasourceId, { converterId: converter.id }) });

    const error = expectError(await bench.call('macro/run', { config: { queryId: query.id, parameters: {} } }, { pageId: PAGES.eng.id }), code, fragment);
    expect(error.details?.stage).toBe('convert');
  });

  it('serves a page run after failures', async () => {
    const converter = await bench.admin('converters/save', { draft: converterDraft('function convert(json) { return JSON.parse(json); }') });
    const query = await bench.admin('queries/save', { draft: queryDraft(datasourceId, { converterId: converter.id }) });

    const response = await bench.call('macro/run', { config: { queryId: query.id, parameters: {} } }, { pageId: PAGES.eng.id });
    expect(response.ok, JSON.stringify(response)).toBe(true);
  });

  it('refuses to save a converter with a syntax error', async () => {
    const response = await bench.call('converters/save', { draft: converterDraft('function convert( {') });
    expectError(response, 'VALIDATION_FAILED', 'line 1');
    expect((await bench.store.list('converter')).items.every((item) => !(item.value as { source: string }).source.includes('convert( {'))).toBe(true);
  });
});

// Forge runs converters in QuickJS, because isolated-vm cannot load there, so
// the escapes and the fast failures run on that engine as well.
describe('bad converters on QuickJS', () => {
  let runtime: ConverterRuntime;

  beforeAll(async () => {
    runtime = await createConverterRuntime({ engine: 'quickjs' });
  });
  afterAll(() => runtime.dispose());

  const run = (source: string) =>
    runtime.run({
      source,
      json: '{"issues":[]}',
      converterName: 'quickjs under test',
      metadata: { queryName: 'q', queryParameters: {}, originalQueryParameters: {}, status: 200, headers: {} },
    });

  const FAST_CODES = new Set<ErrorCode>(['CONVERTER_ERROR', 'CONVERTER_INVALID_OUTPUT', 'CONVERTER_SYNTAX']);

  it.each(FAILING.filter(([, , code]) => FAST_CODES.has(code)))('refuses %s', async (_name, source, code) => {
    const outcome = await run(source).then(
      (result) => ({ ok: true as const, value: result.value }),
      (error: unknown) => ({ ok: false as const, error }),
    );

    expect(outcome.ok, JSON.stringify(outcome)).toBe(false);
    if (!outcome.ok) {
      expect(isAppError(outcome.error) && outcome.error.code, String(outcome.error)).toBe(code);
      expect(isAppError(outcome.error) && outcome.error.hint).toBeTruthy();
    }
  });

  it.each(CONTAINED)('%s', async (_name, source, expected) => {
    expect((await run(source)).value).toEqual(expected);
  });

  it.each([
    ['infinite loop', 'function convert(json) { for (;;) {} }', 'CONVERTER_TIMEOUT'],
    ['memory bomb', 'function convert(json) { let s = "x"; for (;;) s += s; }', 'CONVERTER_MEMORY'],
  ] as const)('stops %s', async (_name, source, code) => {
    const error = await run(source).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isAppError(error) && error.code).toBe(code);
  });

  it('runs a good converter after', async () => {
    expect((await run('function convert(json) { return JSON.parse(json).issues; }')).value).toEqual([]);
  });
});
