// One conformance suite for every converter engine: the contract, the pq
// helper, limits, sandbox escapes and error positions. Each engine has a test
// file that calls describeConverterConformance with its name.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConverterRuntime, isConverterError } from '../../src/core/convert/index';
import type { ConverterEngine, ConverterLimits, ConverterMetadata, ConverterRuntime } from '../../src/core/convert/index';

const JIRA_SEARCH = readFileSync(new URL('../fixtures/jira_v2_search_server_11issues_jira-ruby.json', import.meta.url), 'utf8');
const NESTED_500 = readFileSync(new URL('../fixtures/jsontestsuite_i_structure_500_nested_arrays.json', import.meta.url), 'utf8');
const KOREAN_ISSUE = readFileSync(
  new URL('../fixtures/jira_v2_issue_korean_locale_rendered_names_changelog_lesstif.ANONYMIZED.json', import.meta.url),
  'utf8',
);

const METADATA: ConverterMetadata = {
  queryName: 'Open issues',
  queryParameters: { project: 'SAMPLEPROJECT', limit: 50 },
  originalQueryParameters: { project: 'SAMPLEPROJECT' },
  status: 200,
  headers: { 'content-type': 'application/json;charset=UTF-8' },
};

const CONVERTER_NAME = 'Issues by type';

/** A converter that returns `expression`, evaluated with `json` and `metadata` in scope. */
function returning(expression: string): string {
  return `function convert(json, metadata) {\n  return ${expression};\n}`;
}

interface ValueCase {
  name: string;
  source: string;
  json?: string;
  expected: unknown;
}

interface ErrorCase {
  name: string;
  source: string;
  json?: string;
  /** Expected code; a list where engines legitimately differ. */
  code: string | string[];
  message: RegExp;
  /** Line in the converter's source; checked when set. Columns differ between engines, so only their presence is checked. */
  line?: number;
  hasColumn?: boolean;
  limits?: Partial<ConverterLimits>;
}

const CONTRACT_CASES: ValueCase[] = [
  { name: 'array of rows', source: returning('[{ a: 1, b: "x" }, { a: 2, b: null }]'), expected: [{ a: 1, b: 'x' }, { a: 2, b: null }] },
  { name: 'raw response text', source: returning('[typeof json, json]'), json: '{"a": 1}', expected: ['string', '{"a": 1}'] },
  { name: 'byte order mark stripped', source: returning('JSON.parse(json)'), json: '\uFEFF{"a":1}', expected: { a: 1 } },
  { name: 'metadata passed', source: returning('metadata'), expected: METADATA },
  { name: 'null result', source: returning('null'), expected: null },
  { name: 'scalar result', source: returning('42'), expected: 42 },
  { name: 'string result', source: returning('"민수 김"'), expected: '민수 김' },
  { name: 'dates become ISO strings', source: returning('[new Date(Date.UTC(2024, 0, 2))]'), expected: ['2024-01-02T00:00:00.000Z'] },
  { name: 'NaN becomes null', source: returning('[NaN, Infinity]'), expected: [null, null] },
  { name: 'nested functions dropped', source: returning('{ keep: 1, drop: () => 1 }'), expected: { keep: 1 } },
  { name: 'arrow function converter', source: 'const convert = (json) => JSON.parse(json).items;', json: '{"items":[1,2]}', expected: [1, 2] },
  { name: 'async converter awaited', source: 'async function convert(json) {\n  await null;\n  return JSON.parse(json);\n}', json: '[3]', expected: [3] },
  {
    name: 'modern syntax',
    source: [
      'class Row { constructor(key, rest) { this.key = key; Object.assign(this, rest); } }',
      'function convert(json) {',
      '  const { items = [] } = JSON.parse(json);',
      '  let fallback;',
      '  fallback ??= "none";',
      '  return items.flatMap(({ key, fields }) => [new Row(key, { ...fields, who: fields?.assignee?.name ?? fallback, label: `#${key}` })]);',
      '}',
    ].join('\n'),
    json: '{"items":[{"key":"A-1","fields":{"assignee":null}},{"key":"A-2","fields":{"assignee":{"name":"kim"}}}]}',
    expected: [
      { key: 'A-1', assignee: null, who: 'none', label: '#A-1' },
      { key: 'A-2', assignee: { name: 'kim' }, who: 'kim', label: '#A-2' },
    ],
  },
  { name: 'console is silent', source: 'function convert() {\n  console.log("debug");\n  return 1;\n}', expected: 1 },
  { name: 'sandbox eval allowed', source: returning('eval("1 + 1")'), expected: 2 },
  { name: 'deep nesting parsed', source: returning('JSON.parse(json).length'), json: NESTED_500, expected: 1 },
];

const HELPER_CASES: ValueCase[] = [
  { name: 'get nested value', source: returning('pq.get({ a: { b: { c: 5 } } }, "a.b.c")'), expected: 5 },
  { name: 'get through null', source: returning('pq.get({ fields: { assignee: null } }, "fields.assignee.displayName", "")'), expected: '' },
  { name: 'get missing defaults to null', source: returning('pq.get({}, "a.b")'), expected: null },
  { name: 'get keeps falsy values', source: returning('[pq.get({ n: 0 }, "n", 9), pq.get({ s: "" }, "s", "x"), pq.get({ f: false }, "f", true)]'), expected: [0, '', false] },
  { name: 'get array index', source: returning('pq.get({ issues: [{ key: "K-1" }] }, "issues[0].key")'), expected: 'K-1' },
  { name: 'get quoted key', source: returning('pq.get({ _embedded: { "a.b c": 1 } }, "_embedded[\'a.b c\']")'), expected: 1 },
  { name: 'get path array', source: returning('pq.get({ a: [{ b: 2 }] }, ["a", 0, "b"])'), expected: 2 },
  {
    name: 'toRow maps columns',
    source: returning('pq.toRow({ key: "K", fields: { assignee: null, n: 3 } }, { Key: "key", Who: "fields.assignee.displayName", Twice: (i) => i.fields.n * 2 })'),
    expected: { Key: 'K', Who: null, Twice: 6 },
  },
  {
    name: 'flatten nested object',
    source: returning('pq.flatten({ a: { b: 1 }, labels: ["x", "y"], parts: [{ id: 1 }], empty: {}, none: [] })'),
    expected: { 'a.b': 1, labels: 'x, y', 'parts.0.id': 1, empty: null, none: '' },
  },
  { name: 'flatten with options', source: returning('pq.flatten({ a: { b: [1, 2] } }, { separator: "_", arrays: "index" })'), expected: { a_b_0: 1, a_b_1: 2 } },
  { name: 'flatten scalar unchanged', source: returning('pq.flatten(7)'), expected: 7 },
  {
    name: 'countBy path',
    source: returning('pq.countBy([{ t: { name: "Bug" } }, { t: { name: "Task" } }, { t: { name: "Bug" } }, { t: null }], "t.name")'),
    expected: { Bug: 2, Task: 1, '(none)': 1 },
  },
  { name: 'countBy function', source: returning('pq.countBy([1, 2, 3, 4], (n) => (n % 2 ? "odd" : "even"))'), expected: { odd: 2, even: 2 } },
  { name: 'groupBy', source: returning('pq.groupBy([{ s: "a", n: 1 }, { s: "b", n: 2 }, { s: "a", n: 3 }], "s")'), expected: { a: [{ s: 'a', n: 1 }, { s: 'a', n: 3 }], b: [{ s: 'b', n: 2 }] } },
  { name: 'sumBy skips non-numbers', source: returning('pq.sumBy([{ p: 3 }, { p: "2" }, { p: null }, { p: "x" }], "p")'), expected: 5 },
  { name: 'entries to rows', source: returning('pq.entries({ Bug: 2, Task: 1 }, "Type", "Issues")'), expected: [{ Type: 'Bug', Issues: 2 }, { Type: 'Task', Issues: 1 }] },
  { name: 'parseDate Jira offset', source: returning('pq.parseDate("2011-12-15T15:35:06.000+1300")'), expected: Date.UTC(2011, 11, 15, 2, 35, 6) },
  { name: 'parseDate date only', source: returning('pq.parseDate("2024-02-29")'), expected: Date.UTC(2024, 1, 29) },
  { name: 'parseDate invalid', source: returning('[pq.parseDate("soon"), pq.parseDate(null), pq.parseDate("")]'), expected: [null, null, null] },
  { name: 'formatDate default pattern', source: returning('pq.formatDate("2011-12-15T15:35:06.000+1300")'), expected: '2011-12-15' },
  {
    name: 'formatDate pattern and offset',
    source: returning('pq.formatDate("2011-12-15T15:35:06.000+1300", "EEE d MMM yyyy, hh:mm a XXX \'local\'", "+13:00")'),
    expected: 'Thu 15 Dec 2011, 03:35 PM +13:00 local',
  },
  { name: 'formatDate epoch millis', source: returning('pq.formatDate(0, "yyyy-MM-dd HH:mm:ss.SSS")'), expected: '1970-01-01 00:00:00.000' },
  { name: 'formatDate invalid is empty', source: returning('pq.formatDate("not a date", "yyyy")'), expected: '' },
  { name: 'pq is read-only', source: 'function convert() {\n  pq = null;\n  return typeof pq.get;\n}', expected: 'function' },
];

const HOST_GLOBALS = [
  'process', 'require', 'module', 'exports', 'global', 'Buffer', 'fetch', 'XMLHttpRequest', 'WebSocket',
  'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'WebAssembly', 'SharedArrayBuffer', 'Atomics',
  '__pqHarness', 'std', 'os', 'Deno', 'Bun', 'ivm', '_ivm',
];

const ISOLATION_CASES: ValueCase[] = [
  {
    name: 'no host globals',
    source: returning(`[${HOST_GLOBALS.map((name) => `typeof ${name}`).join(', ')}]`),
    expected: HOST_GLOBALS.map(() => 'undefined'),
  },
  { name: 'Function constructor stays inside', source: returning('(function () {}).constructor("return typeof process")()'), expected: 'undefined' },
  { name: 'constructor chain stays inside', source: returning('this.constructor.constructor("return this")() === globalThis'), expected: true },
  {
    name: 'async Function constructor stays inside',
    source: 'async function convert() {\n  const AsyncFunction = (async () => {}).constructor;\n  return AsyncFunction("return typeof require")();\n}',
    expected: 'undefined',
  },
  {
    name: 'dynamic import rejected',
    source: 'async function convert() {\n  try {\n    await import("fs");\n    return "loaded";\n  } catch (error) {\n    return "blocked";\n  }\n}',
    expected: 'blocked',
  },
  {
    name: 'error stack hides host paths',
    source: returning('/\\/(work|home|usr|tmp)\\//.test(String(new Error("x").stack))'),
    expected: false,
  },
];

const ERROR_CASES: ErrorCase[] = [
  {
    name: 'syntax error',
    source: 'function convert(json) {\n  const rows = ;\n  return rows;\n}',
    code: 'CONVERTER_SYNTAX',
    message: /^Converter "Issues by type" has a syntax error at line 2, column \d+: .+\.$/,
    line: 2,
    hasColumn: true,
  },
  {
    name: 'thrown TypeError',
    source: 'function convert(json) {\n  const issue = { fields: { assignee: null } };\n  return issue.fields.assignee.displayName;\n}',
    code: 'CONVERTER_ERROR',
    message: /^Converter "Issues by type" threw TypeError: .*null.* at line 3, column \d+\.$/,
    line: 3,
    hasColumn: true,
  },
  {
    name: 'thrown Error in nested function',
    source: 'function check(value) {\n  if (!value) {\n    throw new Error("no value");\n  }\n}\nfunction convert() {\n  check(0);\n}',
    code: 'CONVERTER_ERROR',
    message: /threw Error: no value at line 3, column \d+\.$/,
    line: 3,
    hasColumn: true,
  },
  {
    name: 'invalid JSON parsed by converter',
    source: returning('JSON.parse(json)'),
    json: '<html>login</html>',
    code: 'CONVERTER_ERROR',
    message: /threw SyntaxError: .+ at line 2, column \d+\.$/,
    line: 2,
  },
  { name: 'thrown string', source: 'function convert() {\n  throw "bad input";\n}', code: 'CONVERTER_ERROR', message: /threw bad input\.$/ },
  {
    name: 'rejected promise',
    source: 'async function convert() {\n  await null;\n  throw new RangeError("late");\n}',
    code: 'CONVERTER_ERROR',
    message: /threw RangeError: late at line 3, column \d+\.$/,
    line: 3,
  },
  {
    name: 'top-level throw',
    source: 'const settings = undefined;\nconst size = settings.size;\nfunction convert() { return size; }',
    code: 'CONVERTER_ERROR',
    message: /threw TypeError: .+ at line 2, column \d+\.$/,
    line: 2,
  },
  { name: 'stack overflow', source: returning('(function down(n) { return down(n + 1) + 1; })(0)'), code: 'CONVERTER_ERROR', message: /threw (RangeError|InternalError): .*stack/i },
  { name: 'no convert function', source: 'function transform(json) { return json; }', code: 'CONVERTER_ERROR', message: /defines no function named convert\.$/ },
  { name: 'convert not a function', source: 'var convert = 5;', code: 'CONVERTER_ERROR', message: /defines no function named convert \(convert is number\)\.$/ },
  { name: 'returns undefined', source: 'function convert(json) {\n  JSON.parse(json);\n}', code: 'CONVERTER_INVALID_OUTPUT', message: /returned undefined instead of a JSON value\.$/ },
  { name: 'returns function', source: returning('() => 1'), code: 'CONVERTER_INVALID_OUTPUT', message: /returned a function/ },
  { name: 'returns symbol', source: returning('Symbol("x")'), code: 'CONVERTER_INVALID_OUTPUT', message: /returned a symbol/ },
  { name: 'returns BigInt', source: returning('{ id: 10n }'), code: 'CONVERTER_INVALID_OUTPUT', message: /returned a BigInt/ },
  { name: 'returns cycle', source: 'function convert() {\n  const row = {};\n  row.self = row;\n  return [row];\n}', code: 'CONVERTER_INVALID_OUTPUT', message: /contains a cycle/ },
  { name: 'promise never settles', source: returning('new Promise(() => {})'), code: 'CONVERTER_INVALID_OUTPUT', message: /returned a promise that never settled\.$/ },
  {
    name: 'output over limit',
    source: returning('"x".repeat(2048)'),
    code: 'CONVERTER_OUTPUT_TOO_LARGE',
    message: /more than the limit of 0\.0 MB\.$/,
    limits: { maxOutputBytes: 1024 },
  },
  {
    name: 'multi-byte output over limit',
    source: returning('"한".repeat(600)'),
    code: 'CONVERTER_OUTPUT_TOO_LARGE',
    message: /returned at least/,
    limits: { maxOutputBytes: 1024 },
  },
];

const TIME_LIMITS = { timeoutMs: 300 };

const BOMB_LIMITS = { memoryMb: 32, timeoutMs: 2000 };

const RUNAWAY_CASES: ErrorCase[] = [
  { name: 'endless loop', source: 'function convert() {\n  for (;;) {}\n}', code: 'CONVERTER_TIMEOUT', message: /did not finish within 300 ms\.$/, limits: TIME_LIMITS },
  {
    name: 'endless loop in promise callback',
    source: 'function convert() {\n  return Promise.resolve().then(() => { for (;;) {} });\n}',
    code: 'CONVERTER_TIMEOUT',
    message: /did not finish within 300 ms\.$/,
    limits: TIME_LIMITS,
  },
  {
    name: 'endless microtask chain',
    source: 'function convert() {\n  const spin = () => Promise.resolve().then(spin);\n  spin();\n  return 1;\n}',
    code: 'CONVERTER_TIMEOUT',
    message: /did not finish within 300 ms\.$/,
    limits: TIME_LIMITS,
  },
  { name: 'endless top-level loop', source: 'while (true) {}\nfunction convert() {}', code: 'CONVERTER_TIMEOUT', message: /did not finish/, limits: TIME_LIMITS },
  // A memory bomb ends with CONVERTER_MEMORY, or with CONVERTER_TIMEOUT when
  // the engine's garbage collector thrashes near the limit first (QuickJS
  // does, under load). Either way the run ends cleanly and names its limit.
  {
    name: 'one huge allocation',
    source: returning('new Array(5e7).fill(1).length'),
    code: ['CONVERTER_MEMORY', 'CONVERTER_TIMEOUT'],
    message: /needed more than 32 MB of memory|did not finish within 2000 ms/,
    limits: BOMB_LIMITS,
  },
  {
    name: 'typed array bomb',
    source: 'function convert() {\n  const blocks = [];\n  for (;;) blocks.push(new Float64Array(1e6));\n}',
    code: ['CONVERTER_MEMORY', 'CONVERTER_TIMEOUT'],
    message: /needed more than 32 MB of memory|did not finish within 2000 ms/,
    limits: BOMB_LIMITS,
  },
  {
    name: 'object bomb',
    source: 'function convert() {\n  const rows = [];\n  for (let n = 0; ; n++) rows.push({ n, label: "row " + n });\n}',
    code: ['CONVERTER_MEMORY', 'CONVERTER_TIMEOUT'],
    message: /needed more than 32 MB of memory|did not finish within 2000 ms/,
    limits: BOMB_LIMITS,
  },
  {
    name: 'string doubling',
    source: 'function convert() {\n  let text = "x";\n  for (;;) text += text;\n}',
    code: 'CONVERTER_MEMORY',
    message: /needed more than 32 MB of memory/,
    // A generous time limit, so that only the string size can end this run.
    limits: { memoryMb: 32, timeoutMs: 10_000 },
  },
];

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the converter run to fail, but it succeeded');
}

export function describeConverterConformance(engine: ConverterEngine): void {
  describe(`converter runtime on ${engine}`, () => {
    let runtime: ConverterRuntime;

    beforeAll(async () => {
      runtime = await createConverterRuntime({ engine });
    });

    afterAll(async () => {
      await runtime?.dispose();
    });

    function run(source: string, json = '{}', limits?: Partial<ConverterLimits>) {
      return runtime.run({ source, json, metadata: METADATA, converterName: CONVERTER_NAME, limits });
    }

    async function expectFailure(testCase: ErrorCase): Promise<void> {
      const error = await captureError(run(testCase.source, testCase.json, testCase.limits));
      expect(isConverterError(error)).toBe(true);
      if (!isConverterError(error)) return;

      expect(Array.isArray(testCase.code) ? testCase.code : [testCase.code]).toContain(error.code);
      expect(error.message).toMatch(testCase.message);
      expect(error.details.stage).toBe('convert');
      expect(error.details.entity).toEqual({ kind: 'converter', name: CONVERTER_NAME });
      if (testCase.line !== undefined) expect(error.details.line).toBe(testCase.line);
      if (testCase.hasColumn) expect(error.details.column).toBeGreaterThan(0);
      expect(error.hint).toBeTruthy();
    }

    it('reports its engine', () => {
      expect(runtime.engine).toBe(engine);
    });

    describe('contract', () => {
      it.each(CONTRACT_CASES)('$name', async ({ source, json, expected }) => {
        const result = await run(source, json);
        expect(result.value).toEqual(expected);
        expect(result.durationMs).toBeGreaterThan(0);
      });
    });

    describe('pq helper', () => {
      it.each(HELPER_CASES)('$name', async ({ source, json, expected }) => {
        expect((await run(source, json)).value).toEqual(expected);
      });
    });

    describe('isolation', () => {
      it.each(ISOLATION_CASES)('$name', async ({ source, json, expected }) => {
        expect((await run(source, json)).value).toEqual(expected);
      });

      it('keeps nothing between runs', async () => {
        await run('globalThis.leak = 42;\nObject.prototype.polluted = true;\nfunction convert() { return 1; }');
        const second = await run(returning('[typeof leak, typeof ({}).polluted]'));
        expect(second.value).toEqual(['undefined', 'undefined']);
      });
    });

    describe('errors', () => {
      it.each(ERROR_CASES)('$name', async (testCase) => {
        await expectFailure(testCase);
      });

      it('replaced JSON.stringify cannot fake output', async () => {
        // The harness kept its own JSON.stringify, so the converter's replacement only affects its own call.
        const result = await run('JSON.stringify = () => "not json";\nfunction convert() { return [JSON.stringify({})]; }');
        expect(result.value).toEqual(['not json']);
      });

      it('names no converter when unnamed', async () => {
        const error = await captureError(runtime.run({ source: returning('undefined'), json: '{}', metadata: METADATA }));
        expect((error as Error).message).toBe('The converter returned undefined instead of a JSON value.');
      });
    });

    describe('limits', () => {
      it.each(RUNAWAY_CASES)('$name', async (testCase) => {
        await expectFailure(testCase);
      });

      it('reports the limit that fired', async () => {
        const error = await captureError(run(RUNAWAY_CASES[0]!.source, '{}', { timeoutMs: 250 }));
        expect((error as { details: { limit?: unknown } }).details.limit).toEqual({ name: 'timeoutMs', value: 250 });
      });

      // The first kills the isolated-vm child process (V8 aborts on the
      // allocation); the second runs inside one QuickJS builtin without an
      // interrupt check, so the worker is terminated at the hard deadline.
      it.each([
        { killer: 'huge allocation', source: returning('new Array(5e7).fill(1).length'), limits: { memoryMb: 32, timeoutMs: 2000 } },
        { killer: 'long builtin call', source: returning('new Array(3e7).join("x").length'), limits: { memoryMb: 128, timeoutMs: 200 } },
      ])('serves the next run after $killer', async ({ source, limits }) => {
        const error = await captureError(run(source, '{}', limits));
        expect(['CONVERTER_MEMORY', 'CONVERTER_TIMEOUT']).toContain((error as { code?: string }).code);

        const next = await run(returning('JSON.parse(json).ok'), '{"ok":"still serving"}');
        expect(next.value).toBe('still serving');
      });

      it('runs jobs side by side', async () => {
        const runs = [1, 2, 3, 4, 5].map((n) => run(returning(`JSON.parse(json).n * ${n}`), '{"n": 10}'));
        const values = (await Promise.all(runs)).map((result) => result.value);
        expect(values).toEqual([10, 20, 30, 40, 50]);
      });

      it('a slow run does not block a fast one', async () => {
        const slow = captureError(run('function convert() {\n  for (;;) {}\n}', '{}', { timeoutMs: 800 }));
        const fast = await run(returning('"fast"'));
        expect(fast.value).toBe('fast');
        expect((await slow) as { code?: string }).toMatchObject({ code: 'CONVERTER_TIMEOUT' });
      });
    });

    describe('checkSyntax', () => {
      it('accepts valid source', async () => {
        expect(await runtime.checkSyntax(returning('[1, 2]'))).toEqual({ ok: true });
      });

      it('does not run the source', async () => {
        expect(await runtime.checkSyntax('for (;;) {}\nfunction convert() {}')).toEqual({ ok: true });
      });

      it('locates a syntax error', async () => {
        const result = await runtime.checkSyntax('function convert(json) {\n  return [1, 2;\n}');
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.line).toBe(2);
        expect(result.column).toBeGreaterThan(0);
        expect(result.message).not.toMatch(/converter\.js/);
      });
    });

    describe('real Jira search response', () => {
      it('counts issues per type', async () => {
        const source = [
          'function convert(json) {',
          '  const issues = JSON.parse(json).issues;',
          "  return pq.entries(pq.countBy(issues, 'fields.issuetype.name'), 'Type', 'Issues');",
          '}',
        ].join('\n');
        expect((await run(source, JIRA_SEARCH)).value).toEqual([{ Type: 'Task', Issues: 11 }]);
      });

      it('builds one row per issue', async () => {
        const source = [
          'function convert(json, metadata) {',
          '  return JSON.parse(json).issues.map((issue) => pq.toRow(issue, {',
          "    Key: 'key',",
          "    Summary: 'fields.summary',",
          "    Status: 'fields.status.name',",
          "    Assignee: (i) => pq.get(i, 'fields.assignee.displayName', 'Unassigned'),",
          "    Created: (i) => pq.formatDate(i.fields.created, 'yyyy-MM-dd HH:mm', '+13:00'),",
          "    Query: () => metadata.queryName,",
          '  }));',
          '}',
        ].join('\n');
        const rows = (await run(source, JIRA_SEARCH)).value as Record<string, unknown>[];
        expect(rows).toHaveLength(11);
        expect(rows[0]).toEqual({
          Key: 'SAMPLEPROJECT-13',
          Summary: 'blarg from in example.rb',
          Status: 'Open',
          Assignee: 'admin',
          Created: '2011-12-15 15:35',
          Query: 'Open issues',
        });
        expect(rows.map((row) => row.Key).at(-1)).toBe('SAMPLEPROJECT-1');
      });

      it('keeps Korean text intact', async () => {
        const source = returning('Object.values(JSON.parse(json).names).filter((name) => /[가-힣]/.test(name)).length > 0');
        expect((await run(source, KOREAN_ISSUE)).value).toBe(true);
      });
    });
  });
}
