// Converter benchmark: each engine against the same converter run unsandboxed
// in the same process and the same run, on 1 MB and 10 MB Jira search
// responses generated from the real 11-issue fixture.
//
//   npx tsx bench/convert.ts [--iterations N]
//
// Ratios are the numbers to compare between machines; absolute times are context.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConverterRuntime } from '../src/core/convert/index';
import type { ConverterEngine, ConverterMetadata } from '../src/core/convert/index';
import { cpuNowMs } from './lib/cpu-time';

const FIXTURE = new URL('../test/fixtures/jira_v2_search_server_11issues_jira-ruby.json', import.meta.url);

const METADATA: ConverterMetadata = {
  queryName: 'Benchmark search',
  queryParameters: { jql: 'project = SAMPLEPROJECT' },
  originalQueryParameters: { jql: 'project = SAMPLEPROJECT' },
  status: 200,
  headers: { 'content-type': 'application/json;charset=UTF-8' },
};

export const BENCH_CONVERTERS = {
  'issues per type': [
    'function convert(json) {',
    '  const counts = {};',
    '  for (const issue of JSON.parse(json).issues) {',
    '    const type = issue.fields.issuetype.name;',
    '    counts[type] = (counts[type] || 0) + 1;',
    '  }',
    '  return Object.keys(counts).map((type) => ({ type, issues: counts[type] }));',
    '}',
  ].join('\n'),
  'row per issue': [
    'function convert(json) {',
    '  return JSON.parse(json).issues.map((issue) => ({',
    '    key: issue.key,',
    '    summary: issue.fields.summary,',
    '    type: issue.fields.issuetype.name,',
    '    status: issue.fields.status.name,',
    '    assignee: issue.fields.assignee ? issue.fields.assignee.displayName : null,',
    '    created: issue.fields.created,',
    '  }));',
    '}',
  ].join('\n'),
} as const;

// Standard Jira issue types and statuses, rotated over the copies so that grouping has work to do.
const ISSUE_TYPES = ['Task', 'Bug', 'Story', 'Epic', 'Sub-task'];
const STATUSES = ['Open', 'In Progress', 'Resolved', 'Closed'];

/** Builds a Jira search response of about `targetBytes` from copies of the real issues with new keys, ids and field values. */
export function generateJiraSearch(targetBytes: number): string {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { issues: Record<string, unknown>[] } & Record<string, unknown>;
  const template = fixture.issues;
  const averageIssueBytes = JSON.stringify(template).length / template.length;
  const count = Math.max(1, Math.round(targetBytes / averageIssueBytes));

  const issues = Array.from({ length: count }, (_, index) => {
    const source = template[index % template.length] as { fields: Record<string, unknown> } & Record<string, unknown>;
    const copy = structuredClone(source) as typeof source;
    const number = index + 1;
    copy.id = String(10000 + number);
    copy.key = `SAMPLEPROJECT-${number}`;
    copy.self = String(source.self).replace(/\/\d+$/, `/${10000 + number}`);
    copy.fields.summary = `${String(source.fields.summary)} #${number}`;
    copy.fields.issuetype = { ...(source.fields.issuetype as object), name: ISSUE_TYPES[index % ISSUE_TYPES.length] };
    copy.fields.status = { ...(source.fields.status as object), name: STATUSES[index % STATUSES.length] };
    if (index % 7 === 0) copy.fields.assignee = null;
    return copy;
  });

  return JSON.stringify({ ...fixture, startAt: 0, maxResults: count, total: count, issues });
}

export interface ConvertBenchRow {
  engine: ConverterEngine;
  converter: string;
  inputBytes: number;
  baselineMs: number;
  sandboxMs: number;
  ratio: number;
  spreadMs: number;
  baselineSamples: number[];
  sandboxSamples: number[];
  /** CPU time per run of every thread and child process involved, divided the same way. */
  cpuRatio: number;
}

export interface ConvertBenchResult {
  rows: ConvertBenchRow[];
  coldStart: { engine: ConverterEngine; hostStartMs: number; freshSandboxMs: number; freshSandboxSamples: number[] }[];
}

export interface ConvertBenchOptions {
  /** Input sizes in bytes. */
  sizes?: number[];
  iterations?: number;
  engines?: ConverterEngine[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function spread(values: number[]): number {
  return Math.max(...values) - Math.min(...values);
}

async function timeMany(iterations: number, action: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const started = performance.now();
    await action();
    times.push(performance.now() - started);
  }
  return times;
}

/** The converter as a plain function in this process: the unsandboxed baseline. */
function unsandboxed(source: string): (json: string, metadata: ConverterMetadata) => unknown {
  return new Function(`${source}\nreturn convert;`)() as (json: string, metadata: ConverterMetadata) => unknown;
}

export async function runConvertBench(options: ConvertBenchOptions = {}): Promise<ConvertBenchResult> {
  const sizes = options.sizes ?? [1_000_000, 10_000_000];
  const iterations = options.iterations ?? 5;
  const engines = options.engines ?? ['isolated-vm', 'quickjs'];
  const inputs = sizes.map((size) => generateJiraSearch(size));
  const limits = { timeoutMs: 10_000, memoryMb: 256 };
  const result: ConvertBenchResult = { rows: [], coldStart: [] };

  for (const engine of engines) {
    const startedAt = performance.now();
    const runtime = await createConverterRuntime({ engine });
    const hostStartMs = performance.now() - startedAt;

    try {
      const trivial = { source: 'function convert() { return 1; }', json: '{}', metadata: METADATA };
      // Warm the host first (JIT of the IPC path, WebAssembly tier-up for QuickJS), so the samples show the per-run cost.
      await timeMany(10, () => runtime.run(trivial));
      const fresh = await timeMany(iterations * 3, () => runtime.run(trivial));
      result.coldStart.push({ engine, hostStartMs, freshSandboxMs: median(fresh), freshSandboxSamples: fresh });

      for (const [converter, source] of Object.entries(BENCH_CONVERTERS)) {
        const baselineFunction = unsandboxed(source);
        for (const json of inputs) {
          // One warm-up of each, then interleave so both see the same machine state.
          baselineFunction(json, METADATA);
          await runtime.run({ source, json, metadata: METADATA, limits });
          const baseline: number[] = [];
          const sandbox: number[] = [];
          // Small inputs take a few ms, where one scheduling delay is as large as the work: take more samples.
          const rounds = json.length < 2_000_000 ? iterations * 3 : iterations;
          let baselineCpu = 0;
          let sandboxCpu = 0;
          for (let index = 0; index < rounds; index += 1) {
            let cpuStarted = cpuNowMs();
            baseline.push(...(await timeMany(1, () => baselineFunction(json, METADATA))));
            baselineCpu += cpuNowMs() - cpuStarted;
            cpuStarted = cpuNowMs();
            sandbox.push(...(await timeMany(1, () => runtime.run({ source, json, metadata: METADATA, limits }))));
            sandboxCpu += cpuNowMs() - cpuStarted;
          }
          const baselineMs = median(baseline);
          const sandboxMs = median(sandbox);
          result.rows.push({ engine, converter, inputBytes: json.length, baselineMs, sandboxMs, ratio: sandboxMs / baselineMs, spreadMs: spread(sandbox), baselineSamples: baseline, sandboxSamples: sandbox, cpuRatio: sandboxCpu / baselineCpu });
        }
      }
    } finally {
      await runtime.dispose();
    }
  }

  return result;
}

export function formatConvertBench(result: ConvertBenchResult): string {
  const lines = ['| engine | converter | input | baseline ms | sandbox ms (spread) | ratio |', '|---|---|---|---|---|---|'];
  for (const row of result.rows) {
    const megabytes = (row.inputBytes / 1_000_000).toFixed(1);
    lines.push(
      `| ${row.engine} | ${row.converter} | ${megabytes} MB | ${row.baselineMs.toFixed(1)} | ${row.sandboxMs.toFixed(1)} (${row.spreadMs.toFixed(1)}) | ${row.ratio.toFixed(2)}x |`,
    );
  }
  lines.push('', '| engine | host start ms | fresh sandbox per run ms |', '|---|---|---|');
  for (const cold of result.coldStart) {
    lines.push(`| ${cold.engine} | ${cold.hostStartMs.toFixed(1)} | ${cold.freshSandboxMs.toFixed(2)} |`);
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const iterationsFlag = process.argv.indexOf('--iterations');
  const iterations = iterationsFlag > 0 ? Number(process.argv[iterationsFlag + 1]) : undefined;
  const result = await runConvertBench({ iterations });
  console.log(formatConvertBench(result));
}
