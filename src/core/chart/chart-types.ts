// Google Charts type names, as PocketQuery templates use them, mapped onto
// chart.js chart types.

import type { ChartJsType, SourceChartType } from '../../contract/run';

export interface ChartTypeMapping {
  type: ChartJsType;
  horizontal?: boolean;
  fill?: boolean;
  stepped?: boolean;
}

export const CHART_TYPES: Record<SourceChartType, ChartTypeMapping> = {
  ColumnChart: { type: 'bar' },
  BarChart: { type: 'bar', horizontal: true },
  LineChart: { type: 'line' },
  AreaChart: { type: 'line', fill: true },
  SteppedAreaChart: { type: 'line', fill: true, stepped: true },
  PieChart: { type: 'pie' },
  ScatterChart: { type: 'scatter' },
  ComboChart: { type: 'bar' },
};

export function isSourceChartType(name: unknown): name is SourceChartType {
  return typeof name === 'string' && Object.hasOwn(CHART_TYPES, name);
}

/** Combo chart `seriesType` and per-series `type` values. */
export const COMBO_SERIES_TYPES: Record<string, { type: 'bar' | 'line'; fill?: boolean; stepped?: boolean }> = {
  bars: { type: 'bar' },
  line: { type: 'line' },
  area: { type: 'line', fill: true },
  steppedArea: { type: 'line', fill: true, stepped: true },
};
