// The result of running a query end to end: fetch, convert, render.

import type { ParameterDefinition } from './entities';
import type { ErrorCode } from './errors';

export type ColumnType = 'number' | 'date' | 'boolean' | 'text';

export type CellValue = string | number | boolean | null;

/** The default table as data, so the macro can sort and page it without parsing HTML. */
export interface TableData {
  /** Matches `data-table-id` on the placeholder `<div class="pq-table">` in `html`. */
  id: string;
  columns: { key: string; label: string; type: ColumnType }[];
  rows: CellValue[][];
  /** Layout hint: `rows` lists column values in order; `keyValue` is a two-column property table. */
  layout: 'rows' | 'keyValue';
}

/** chart.js chart types the specs use. */
export type ChartJsType = 'bar' | 'line' | 'pie' | 'doughnut' | 'scatter';

/** Google Charts names accepted in templates, as PocketQuery uses them. */
export type SourceChartType =
  | 'ColumnChart'
  | 'BarChart'
  | 'LineChart'
  | 'AreaChart'
  | 'SteppedAreaChart'
  | 'PieChart'
  | 'ScatterChart'
  | 'ComboChart';

export interface ChartDataset {
  label: string;
  /** `null` is a gap: the source cell was missing or not numeric. */
  data: (number | null)[];
  /** Per-series type for combo charts. */
  type?: 'bar' | 'line';
  fill?: boolean;
  stepped?: boolean;
  /** CSS colour set by the template; absent means the front end picks a design-token colour. */
  color?: string;
}

export interface ChartSpec {
  /** Matches `data-chart-id` on the placeholder `<div class="pq-chart">` in `html`. */
  id: string;
  type: ChartJsType;
  sourceType: SourceChartType;
  labels: string[];
  datasets: ChartDataset[];
  /** For scatter charts: points instead of labels + data. */
  points?: { label: string; data: { x: number; y: number }[] }[];
  options: {
    title?: string;
    colors?: string[];
    legendPosition?: 'top' | 'bottom' | 'left' | 'right' | 'none';
    stacked?: boolean;
    /** Bars drawn horizontally (Google's BarChart). */
    horizontal?: boolean;
    xTitle?: string;
    yTitle?: string;
    width?: number;
    height?: number;
  };
}

export interface RunWarning {
  code:
    | 'INSECURE_HTTP'
    | 'TOKEN_EXPIRING'
    | 'UPSTREAM_WARNING'
    | 'CHART_OPTION_UNSUPPORTED'
    | 'CHART_VALUE_NOT_NUMERIC'
    | 'TRUNCATED'
    | 'STALE_CACHE';
  message: string;
}

export interface Timings {
  fetchMs: number;
  convertMs: number;
  renderMs: number;
  totalMs: number;
}

export type EngineName = 'isolated-vm' | 'quickjs' | 'none';

export interface RunResult {
  queryId: string;
  queryName: string;
  /** Template output. Escaped on the server, still sanitized by the front end before it reaches the DOM. */
  html: string;
  tables: TableData[];
  charts: ChartSpec[];
  /** True when the converted result is empty; the front end then shows `emptyMessage`. */
  isEmpty: boolean;
  emptyMessage: string;
  warnings: RunWarning[];
  timings: Timings;
  cache: { hit: boolean; storedAt?: string; expiresAt?: string };
  engine: EngineName;
  /**
   * Viewer-editable parameters of the query with the values this run used.
   * Optional: when absent, the macro reads the definitions from `macro/queries`.
   */
  viewerParameters?: { definition: ParameterDefinition; value: string }[];
}

/** Stage-by-stage output of an admin preview. */
export interface PreviewResult {
  request: { method: string; url: string };
  response?: {
    status: number;
    headers: Record<string, string>;
    /** Pretty-printed when JSON, cut at `bodyTruncatedAt` characters. */
    body: string;
    bodyTruncatedAt?: number;
  };
  converted?: unknown;
  result?: RunResult;
  timings: Partial<Timings>;
  error?: { code: ErrorCode; message: string; hint?: string; stage: string; line?: number; column?: number };
}
