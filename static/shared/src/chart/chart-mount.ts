// Draws a ChartSpec into its placeholder. Only the controllers, elements and
// scales the mapped chart types use are registered, so the rest of chart.js
// is left out of the bundle.

import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PieController,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
} from 'chart.js';
import type { ChartSpec } from '../../../../src/contract/run';
import { buildChartConfig, countDataPoints } from './chart-config';
import { readChartTheme } from './chart-theme';

Chart.register(
  BarController,
  LineController,
  PieController,
  DoughnutController,
  ScatterController,
  BarElement,
  LineElement,
  PointElement,
  ArcElement,
  CategoryScale,
  LinearScale,
  Filler,
  Legend,
  Title,
  Tooltip,
);

/** Rows beyond this are left out of the screen-reader table. The canvas label states the full count. */
const MAX_ACCESSIBLE_ROWS = 200;

/** Draws the chart and returns a function that removes it again. */
export function mountChart(placeholder: HTMLElement, spec: ChartSpec): () => void {
  const pointCount = countDataPoints(spec);
  placeholder.replaceChildren();
  placeholder.dataset.chartType = spec.type;
  placeholder.dataset.pointCount = String(pointCount);

  const frame = document.createElement('div');
  frame.className = 'pq-chart-frame';
  frame.style.height = `${clampHeight(spec.options.height)}px`;

  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', describeChart(spec, pointCount));
  frame.append(canvas);
  placeholder.append(frame, buildAccessibleTable(spec));

  // The measure lets profilers and the UI benchmark read the cost of drawing one chart.
  const startMark = performance.mark(`pq:chart-start:${spec.id}`);
  const chart = new Chart(canvas, buildChartConfig(spec, readChartTheme(placeholder)));
  performance.measure(`pq:chart:${spec.id}`, startMark.name);

  // What chart.js actually drew, one element per value (gaps included), so tests
  // and tools can check the canvas without reading pixels.
  let elementCount = 0;
  for (let index = 0; index < chart.data.datasets.length; index++) elementCount += chart.getDatasetMeta(index).data.length;
  placeholder.dataset.renderedElements = String(elementCount);

  return () => chart.destroy();
}

function clampHeight(height: number | undefined): number {
  if (height === undefined || !Number.isFinite(height)) return 320;
  return Math.min(900, Math.max(160, height));
}

function describeChart(spec: ChartSpec, pointCount: number): string {
  const title = spec.options.title ?? 'Chart';
  const seriesCount = spec.type === 'scatter' ? (spec.points ?? []).length : spec.datasets.length;
  const seriesNames = (spec.type === 'scatter' ? (spec.points ?? []) : spec.datasets).map((series) => series.label).join(', ');
  return `${title}: ${spec.type} chart, ${seriesCount} series (${seriesNames}), ${pointCount} data points. The data is also in the table that follows.`;
}

/** Builds a visually hidden table with the chart's data, for screen readers. */
function buildAccessibleTable(spec: ChartSpec): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'pq-sr-only';

  const caption = table.createCaption();
  caption.textContent = spec.options.title ?? 'Chart data';

  const head = table.createTHead().insertRow();
  const body = table.createTBody();

  if (spec.type === 'scatter') {
    for (const text of ['Series', 'x', 'y']) head.append(headerCell(text));
    let rowCount = 0;
    for (const series of spec.points ?? []) {
      for (const point of series.data) {
        if (rowCount++ >= MAX_ACCESSIBLE_ROWS) return table;
        appendRow(body, [series.label, String(point.x), String(point.y)]);
      }
    }
    return table;
  }

  head.append(headerCell(spec.options.xTitle ?? 'Label'));
  for (const dataset of spec.datasets) head.append(headerCell(dataset.label));
  spec.labels.slice(0, MAX_ACCESSIBLE_ROWS).forEach((label, index) => {
    appendRow(body, [label, ...spec.datasets.map((dataset) => formatValue(dataset.data[index]))]);
  });
  return table;
}

function headerCell(text: string): HTMLTableCellElement {
  const cell = document.createElement('th');
  cell.scope = 'col';
  cell.textContent = text;
  return cell;
}

function appendRow(body: HTMLTableSectionElement, cells: string[]): void {
  const row = body.insertRow();
  for (const text of cells) row.insertCell().textContent = text;
}

function formatValue(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
