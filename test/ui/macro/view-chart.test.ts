import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../src/contract/run';
import { chartResult, largeLineChart, releasesPerYearChart } from './support/fixtures';
import { openFrontEnd } from './support/macro-page';
import { ok } from './support/stub-bridge';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();

async function openChart(spec: ChartSpec) {
  const opened = await openFrontEnd(suite.browser, suite.server.url, 'macro', {
    config: { queryId: 'q-versions', parameters: {} },
    resolve: (key) => (key === 'macro/run' ? ok(chartResult(spec)) : ok({ queries: [] })),
  });
  await opened.page.locator('.pq-chart[data-rendered-elements]').waitFor();
  return opened;
}

describe('macro view > charts', () => {
  it('draws one element per data point', async () => {
    const spec = releasesPerYearChart();
    const { page, errors } = await openChart(spec);
    const placeholder = page.locator('.pq-chart');

    expect(await placeholder.getAttribute('data-point-count')).toBe(String(spec.datasets[0]!.data.length));
    expect(await placeholder.getAttribute('data-rendered-elements')).toBe(String(spec.datasets[0]!.data.length));
    expect(errors).toEqual([]);
  });

  it('labels the canvas and adds a hidden data table', async () => {
    const spec = releasesPerYearChart();
    const { page } = await openChart(spec);

    const label = await page.locator('.pq-chart canvas').getAttribute('aria-label');
    expect(label).toContain('Releases per year');
    expect(label).toContain(`${spec.labels.length} data points`);
    expect(await page.locator('.pq-chart table.pq-sr-only tbody tr').count()).toBe(spec.labels.length);
    const firstRow = await page.locator('.pq-chart table.pq-sr-only tbody tr').first().locator('td').allTextContents();
    expect(firstRow).toEqual([spec.labels[0], String(spec.datasets[0]!.data[0])]);
  });

  it('follows the container width', async () => {
    const { page } = await openChart(releasesPerYearChart());
    const wide = await page.locator('.pq-chart canvas').evaluate((canvas) => canvas.getBoundingClientRect().width);

    await page.setViewportSize({ width: 480, height: 700 });
    await page.waitForFunction((previous) => document.querySelector('.pq-chart canvas')!.getBoundingClientRect().width < previous, wide);
    const narrow = await page.locator('.pq-chart canvas').evaluate((canvas) => canvas.getBoundingClientRect().width);
    expect(narrow).toBeLessThan(wide);
    expect(narrow).toBeLessThanOrEqual(480);
  });

  it('draws 1,000 points of a line chart', async () => {
    const { page } = await openChart(largeLineChart(1000));
    expect(await page.locator('.pq-chart').getAttribute('data-rendered-elements')).toBe('1000');
  });

  it.each([
    ['pie', 'PieChart'],
    ['doughnut', 'PieChart'],
    ['line', 'AreaChart'],
  ] as const)('draws a %s chart', async (type, sourceType) => {
    const base = releasesPerYearChart();
    const spec: ChartSpec = { ...base, type, sourceType, datasets: base.datasets.map((dataset) => ({ ...dataset, fill: sourceType === 'AreaChart' })) };
    const { page } = await openChart(spec);
    expect(await page.locator('.pq-chart').getAttribute('data-rendered-elements')).toBe(String(base.labels.length));
    expect(await page.locator('.pq-chart').getAttribute('data-chart-type')).toBe(type);
  });

  it('draws scatter points and combo series', async () => {
    const scatter: ChartSpec = {
      id: 'chart-1',
      type: 'scatter',
      sourceType: 'ScatterChart',
      labels: [],
      datasets: [],
      points: [{ label: 'Versions', data: [{ x: 1, y: 2 }, { x: 2, y: 3 }, { x: 3, y: 5 }] }],
      options: {},
    };
    const scatterPage = await openChart(scatter);
    expect(await scatterPage.page.locator('.pq-chart').getAttribute('data-rendered-elements')).toBe('3');

    const base = releasesPerYearChart();
    const combo: ChartSpec = {
      ...base,
      sourceType: 'ComboChart',
      datasets: [base.datasets[0]!, { label: 'Trend', type: 'line', data: base.datasets[0]!.data.map((value) => (value ?? 0) + 1) }],
      options: { stacked: false, colors: ['#aa0000', '#00aa00'] },
    };
    const comboPage = await openChart(combo);
    expect(await comboPage.page.locator('.pq-chart').getAttribute('data-rendered-elements')).toBe(String(base.labels.length * 2));
  });

  it('counts gaps as not drawn points', async () => {
    const spec: ChartSpec = { ...releasesPerYearChart(), labels: ['a', 'b', 'c'], datasets: [{ label: 'Values', data: [1, null, 3] }] };
    const { page } = await openChart(spec);
    expect(await page.locator('.pq-chart').getAttribute('data-point-count')).toBe('2');
  });
});
