// Printing a RunResult as HTML, JSON or CSV.

import type { ChartSpec, RunResult, TableData } from '../contract/run';
import { chartPlaceholder } from '../core/chart';
import { renderTableHtml } from '../core/table';
import { escapeHtml } from '../core/template';
import type { OutputFormat } from './args';

export function formatResult(result: RunResult, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(result, null, 2);
  if (format === 'csv') {
    if (result.tables[0]) return toCsv(result.tables[0]);
    return result.charts[0] ? toCsv(chartTable(result.charts[0])) : '';
  }
  return withStaticTables(result);
}

/**
 * Replaces each table and chart placeholder with static HTML, since no macro runs in a terminal.
 * A chart becomes a captioned table of its data.
 */
function withStaticTables(result: RunResult): string {
  let html = result.html;
  for (const table of result.tables) {
    html = html.replace(`<div class="pq-table" data-table-id="${table.id}"></div>`, renderTableHtml(table));
  }
  for (const chart of result.charts) {
    const caption = chart.options.title ? `<figcaption>${escapeHtml(chart.options.title)}</figcaption>` : '';
    html = html.replace(chartPlaceholder(chart.id), `<figure class="pq-chart-static" data-chart-type="${chart.sourceType}">${caption}${renderTableHtml(chartTable(chart))}</figure>`);
  }
  return html;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: TableData): string {
  const lines = [table.columns.map((column) => csvField(column.label)).join(',')];
  for (const row of table.rows) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Returns the data behind a chart as a table: labels first, one column per series (scatter: one row per point). */
export function chartTable(chart: ChartSpec): TableData {
  if (chart.points) {
    return {
      id: chart.id,
      layout: 'rows',
      columns: [{ key: 'series', label: 'series', type: 'text' }, { key: 'x', label: 'x', type: 'number' }, { key: 'y', label: 'y', type: 'number' }],
      rows: chart.points.flatMap((series) => series.data.map((point) => [series.label, point.x, point.y])),
    };
  }
  return {
    id: chart.id,
    layout: 'rows',
    columns: [{ key: 'label', label: 'label', type: 'text' }, ...chart.datasets.map((dataset) => ({ key: dataset.label, label: dataset.label, type: 'number' as const }))],
    rows: chart.labels.map((label, index) => [label, ...chart.datasets.map((dataset) => dataset.data[index] ?? null)]),
  };
}
