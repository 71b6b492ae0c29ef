// Adapters from the converter benchmark (bench/convert.ts) and the browser
// benchmark (bench/ui-table.ts) to result rows with budgets.

import { generateJiraSearch, runConvertBench } from './convert';
import { summarize, verdictOf, type ResultRow } from './lib/stats';
import { measureChildTransfer } from './transfer';
import { runUiBenchmarks } from './ui-table';

const CONVERT_BUDGETS: Record<string, number> = { 'isolated-vm': 1.5, quickjs: 6 };
const COLD_START_BUDGET_MS = 3;

export async function runConvertSection(options: { iterations: number }): Promise<ResultRow[]> {
  const result = await runConvertBench({ iterations: options.iterations });
  const rows: ResultRow[] = result.rows.map((row) => {
    const budget = CONVERT_BUDGETS[row.engine]!;
    return {
      section: 'Converters',
      what: `convert ${(row.inputBytes / 1e6).toFixed(1)} MB Jira search, ${row.converter}, ${row.engine}`,
      baseline: 'same function unsandboxed',
      measured: summarize(row.sandboxSamples),
      baselineMeasured: summarize(row.baselineSamples),
      unit: 'ms',
      ratio: row.ratio,
      budget: `≤ ${budget}×`,
      verdict: verdictOf(row.ratio <= budget),
      note: `CPU-time ratio ${row.cpuRatio.toFixed(2)}×`,
    };
  });

  for (const cold of result.coldStart) {
    const isolated = cold.engine === 'isolated-vm';
    rows.push({
      section: 'Converters',
      what: `sandbox cold start: fresh ${isolated ? 'isolate + context' : 'runtime + context'}, compile and run a trivial converter, ${cold.engine}`,
      measured: summarize(cold.freshSandboxSamples),
      unit: 'ms',
      budget: isolated ? `≤ ${COLD_START_BUDGET_MS} ms` : 'report',
      verdict: isolated ? verdictOf(cold.freshSandboxMs <= COLD_START_BUDGET_MS) : 'report',
      note: `includes the round trip to the ${isolated ? 'child process' : 'worker thread'}; starting that host once took ${cold.hostStartMs.toFixed(0)} ms`,
    });
  }
  rows.push(await measureChildTransfer(generateJiraSearch(10_000_000), options.iterations));
  return rows;
}

export async function runUiSection(options: { iterations: number }): Promise<ResultRow[]> {
  const report = await runUiBenchmarks({ iterations: options.iterations });
  const { firstPagePainted, naive, sortPainted, chart, chartEndToEnd, firstPageShown, sortUpdated, smallChart } = report.byKey;
  const section = 'Macro view in headless Chromium';
  return [
    {
      section,
      what: 'data arrives → first table page painted, 10,000-row result',
      baseline: 'naive render of all rows into the DOM, painted',
      measured: summarize(firstPagePainted.samples),
      baselineMeasured: summarize(naive.samples),
      unit: 'ms',
      ratio: firstPagePainted.median / naive.median,
      budget: '≤ 150 ms',
      verdict: verdictOf(firstPagePainted.median <= 150),
      note: `first page in the DOM after ${firstPageShown.median.toFixed(1)} ms (median)`,
    },
    {
      section,
      what: 'sort 10,000 rows by a date column: click → sorted page painted',
      measured: summarize(sortPainted.samples),
      unit: 'ms',
      budget: '≤ 50 ms',
      verdict: verdictOf(sortPainted.median <= 50),
      note: `DOM updated after ${sortUpdated.median.toFixed(1)} ms (median)`,
    },
    {
      section,
      what: 'line chart with 1,000 points: chart.js construction and first draw',
      baseline: 'the same for a 10-point chart (fixed cost of a first chart)',
      measured: summarize(chart.samples),
      baselineMeasured: summarize(smallChart.samples),
      unit: 'ms',
      ratio: chart.median / smallChart.median,
      budget: '≤ 50 ms',
      verdict: verdictOf(chart.median <= 50),
      note: `data arrives → chart painted, lazy chart chunk load included: median ${chartEndToEnd.median.toFixed(1)} ms`,
    },
  ];
}
