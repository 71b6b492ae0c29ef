// Browser benchmarks of the macro view in headless Chromium (Debian's
// /usr/bin/chromium via playwright-core), each next to a baseline measured in
// the same page:
//   - 10,000-row result: data arrives -> first table page painted, versus
//     building all 10,000 rows into the DOM naively;
//   - sorting those rows by a column: click -> sorted page painted;
//   - a 1,000-point line chart: chart.js construction (performance measure)
//     and data arrives -> chart drawn (includes loading the chart chunk).
// "Painted" means two animation frames after the DOM change, the usual
// approximation of the next paint, so it includes waiting for the frame.
// Needs `npm run build:ui` first.
//
// Run alone: npx tsx bench/ui-table.ts [iterations]. `runUiBenchmarks` is the
// entry point for the combined `npm run bench`.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../test/support/browser';
import { chartResult, largeLineChart, largeVersionsTable, tableResult } from '../test/ui/macro/support/fixtures';
import { assertBuilt } from '../test/ui/macro/support/macro-page';
import { startStaticServer } from '../test/ui/macro/support/static-server';
import { installStubBridge, ok } from '../test/ui/macro/support/stub-bridge';
import type { RunResult } from '../src/contract/run';

export interface Measurement {
  name: string;
  unit: 'ms';
  samples: number[];
  median: number;
  min: number;
  max: number;
  budget?: number;
}

export interface UiBenchmarkReport {
  iterations: number;
  measurements: Measurement[];
  /** The same measurements by name. */
  byKey: Record<'firstPagePainted' | 'naive' | 'sortPainted' | 'chart' | 'chartEndToEnd' | 'firstPageShown' | 'sortUpdated' | 'smallChart', Measurement>;
  /** Median naive full render time divided by median first-page time. */
  firstPageSpeedup: number;
}

const ROWS = 10_000;
const CHART_POINTS = 1_000;
const SMALL_CHART_POINTS = 10;

function summarize(name: string, samples: number[], budget?: number): Measurement {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { name, unit: 'ms', samples, median: round(median), min: round(sorted[0]!), max: round(sorted.at(-1)!), budget };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

async function openWithResult(browser: TestBrowser, serverUrl: string, result: RunResult, watch: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.addInitScript({ content: watch });
  await installStubBridge(page, { config: { queryId: 'bench', parameters: {} }, resolve: (key) => (key === 'macro/queries' ? ok({ queries: [] }) : ok(result)) });
  await page.goto(`${serverUrl}/macro/index.html`);
  return page;
}

/**
 * Init script that records when `selector` first matches (DOM time, from a
 * MutationObserver) and two animation frames later (paint time).
 */
function watchScript(selector: string): string {
  return `(() => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector(${JSON.stringify(selector)})) return;
    observer.disconnect();
    window.__pqShownAt = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => (window.__pqPaintedAt = performance.now())));
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;
}

async function readTimes(page: Page): Promise<{ arrivedAt: number; shownAt: number; paintedAt: number }> {
  await page.waitForFunction('window.__pqPaintedAt !== undefined');
  return (await page.evaluate('({ arrivedAt: window.__pqResolvedAt["macro/run"], shownAt: window.__pqShownAt, paintedAt: window.__pqPaintedAt })')) as {
    arrivedAt: number;
    shownAt: number;
    paintedAt: number;
  };
}

async function measureTable(browser: TestBrowser, serverUrl: string, result: RunResult) {
  const page = await openWithResult(browser, serverUrl, result, watchScript('.pq-grid tbody tr'));
  const times = await readTimes(page);

  // Sort by the date column: click, then time the DOM update and the paint after it.
  const sort = (await page.evaluate(`new Promise((resolve) => {
    const body = document.querySelector('.pq-grid tbody');
    const started = performance.now();
    const observer = new MutationObserver(() => {
      observer.disconnect();
      const updated = performance.now() - started;
      requestAnimationFrame(() => requestAnimationFrame(() => resolve({ updated, painted: performance.now() - started })));
    });
    observer.observe(body, { childList: true, subtree: true, characterData: true });
    document.querySelectorAll('.pq-sort-button')[2].click();
  })`)) as { updated: number; painted: number };

  // Baseline in the same page: every row as DOM nodes, built the straightforward way.
  const naive = (await page.evaluate(
    `new Promise((resolve) => {
      const rows = ${JSON.stringify(result.tables[0]!.rows)};
      const started = performance.now();
      const table = document.createElement('table');
      const body = table.createTBody();
      for (const row of rows) {
        const tr = body.insertRow();
        for (const cell of row) tr.insertCell().textContent = cell === null ? '' : String(cell);
      }
      document.body.append(table);
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
    })`,
  )) as number;

  await page.context().close();
  return { firstPageShown: times.shownAt - times.arrivedAt, firstPagePainted: times.paintedAt - times.arrivedAt, sortUpdated: sort.updated, sortPainted: sort.painted, naive };
}

async function measureChart(browser: TestBrowser, serverUrl: string, points: number) {
  const page = await openWithResult(browser, serverUrl, chartResult(largeLineChart(points)), watchScript('.pq-chart[data-rendered-elements]'));
  const times = await readTimes(page);
  const construct = (await page.evaluate(`performance.getEntriesByName('pq:chart:chart-1')[0].duration`)) as number;
  await page.context().close();
  return { construct, endToEnd: times.paintedAt - times.arrivedAt };
}

export async function runUiBenchmarks(options: { iterations?: number } = {}): Promise<UiBenchmarkReport> {
  const iterations = options.iterations ?? 7;
  assertBuilt();
  // No CSP here: Playwright's string predicates need eval, and the policy does not change rendering cost.
  const [browser, server] = await Promise.all([launchBrowser(), startStaticServer({ csp: false })]);

  const samples = {
    firstPageShown: [] as number[],
    firstPagePainted: [] as number[],
    naive: [] as number[],
    sortUpdated: [] as number[],
    sortPainted: [] as number[],
    chart: [] as number[],
    chartEndToEnd: [] as number[],
    smallChart: [] as number[],
  };
  try {
    const result = tableResult(largeVersionsTable(ROWS));
    // One untimed round loads the bundle and chart chunk into the HTTP cache and warms Chromium.
    await measureTable(browser, server.url, result);
    await measureChart(browser, server.url, CHART_POINTS);

    for (let iteration = 0; iteration < iterations; iteration++) {
      const table = await measureTable(browser, server.url, result);
      samples.firstPageShown.push(table.firstPageShown);
      samples.firstPagePainted.push(table.firstPagePainted);
      samples.naive.push(table.naive);
      samples.sortUpdated.push(table.sortUpdated);
      samples.sortPainted.push(table.sortPainted);
      const chart = await measureChart(browser, server.url, CHART_POINTS);
      samples.chart.push(chart.construct);
      samples.chartEndToEnd.push(chart.endToEnd);
      samples.smallChart.push((await measureChart(browser, server.url, SMALL_CHART_POINTS)).construct);
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const rows = ROWS.toLocaleString('en');
  const byKey = {
    firstPagePainted: summarize(`table ${rows} rows: data -> first page painted`, samples.firstPagePainted, 150),
    naive: summarize(`table ${rows} rows: naive render of all rows, painted (baseline)`, samples.naive),
    sortPainted: summarize(`table ${rows} rows: sort by date -> painted`, samples.sortPainted, 50),
    chart: summarize(`chart ${CHART_POINTS.toLocaleString('en')} points: chart.js construction`, samples.chart, 50),
    chartEndToEnd: summarize(`chart ${CHART_POINTS.toLocaleString('en')} points: data -> drawn (incl. chunk load)`, samples.chartEndToEnd),
    firstPageShown: summarize(`table ${rows} rows: data -> first page in the DOM`, samples.firstPageShown),
    sortUpdated: summarize(`table ${rows} rows: sort by date -> DOM updated`, samples.sortUpdated, 50),
    // The first chart in a page pays a fixed cost (canvas setup, cold code) whatever its size.
    smallChart: summarize(`chart ${SMALL_CHART_POINTS} points: chart.js construction (fixed cost, baseline)`, samples.smallChart),
  };
  // The first five keep their positions, because callers read them by index.
  const measurements = [byKey.firstPagePainted, byKey.naive, byKey.sortPainted, byKey.chart, byKey.chartEndToEnd, byKey.firstPageShown, byKey.sortUpdated, byKey.smallChart];
  return { iterations, measurements, byKey, firstPageSpeedup: round(byKey.naive.median / byKey.firstPagePainted.median) };
}

function printReport(report: UiBenchmarkReport): void {
  console.log(`Macro view in headless Chromium, ${report.iterations} iterations (median, min-max):`);
  for (const measurement of report.measurements) {
    const budget = measurement.budget === undefined ? '' : `  budget ${measurement.budget} ms ${measurement.median <= measurement.budget ? 'met' : 'MISSED'}`;
    console.log(`  ${measurement.median.toFixed(1).padStart(7)} ms  (${measurement.min}-${measurement.max})  ${measurement.name}${budget}`);
  }
  console.log(`  First page is ${report.firstPageSpeedup}x faster than rendering all rows.`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const iterations = Number(process.argv[2] ?? 7);
  runUiBenchmarks({ iterations }).then(printReport, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
