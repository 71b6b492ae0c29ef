// A ChartSpec from the result rows: the first column gives the labels, every
// mostly-numeric column after it becomes a series. Cells that are not numbers
// become gaps, and the spec's warnings say how many and where.

import type { ChartDataset, ChartSpec, RunWarning, SourceChartType } from '../../contract/run';
import { compactCell } from '../table/compact';
import type { Tabulated } from '../table/tabulate';
import { CHART_TYPES, COMBO_SERIES_TYPES } from './chart-types';
import { isCssColor, mapChartOptions } from './chart-options';
import { isMissing, toChartNumber } from './numeric';

export interface BuiltChart {
  spec: ChartSpec;
  warnings: RunWarning[];
}

const MAX_LISTED_ROWS = 5;

export function buildChartSpec(
  id: string,
  sourceType: SourceChartType,
  options: Record<string, unknown>,
  table: Tabulated | undefined,
): BuiltChart {
  const warnings: RunWarning[] = [];
  const mapping = CHART_TYPES[sourceType];
  const specOptions = mapChartOptions(sourceType, options, warnings);
  if (mapping.horizontal) specOptions.horizontal = true;

  let type = mapping.type;
  if (sourceType === 'PieChart' && typeof options.pieHole === 'number' && options.pieHole > 0) type = 'doughnut';

  const spec: ChartSpec = { id, type, sourceType, labels: [], datasets: [], options: specOptions };
  if (!table || table.keys.length === 0) return { spec, warnings };

  const seriesColumns = numericColumns(table);
  if (seriesColumns.length === 0) {
    warnings.push({
      code: 'CHART_VALUE_NOT_NUMERIC',
      message: `Chart ${id} has no numeric column after the label column "${table.keys[0]}", so it has no data.`,
    });
    return { spec, warnings };
  }

  if (sourceType === 'ScatterChart') {
    spec.points = scatterPoints(table, seriesColumns, warnings);
    return { spec, warnings };
  }

  spec.labels = table.rows.map((row) => labelOf(row[0]));
  const columns = sourceType === 'PieChart' ? seriesColumns.slice(0, 1) : seriesColumns;
  const seriesOptions = readSeriesOptions(options.series, sourceType, warnings);
  const comboDefault = sourceType === 'ComboChart' ? comboType(options.seriesType ?? 'bars', sourceType, warnings) : undefined;

  columns.forEach((column, seriesIndex) => {
    const dataset: ChartDataset = { label: table.keys[column]!, data: seriesData(table, column, warnings) };
    if (mapping.fill) dataset.fill = true;
    if (mapping.stepped) dataset.stepped = true;
    const perSeries = seriesOptions[seriesIndex];
    if (comboDefault) Object.assign(dataset, comboDefault, perSeries?.type ?? {});
    if (perSeries?.color) dataset.color = perSeries.color;
    spec.datasets.push(dataset);
  });
  return { spec, warnings };
}

function labelOf(value: unknown): string {
  const cell = compactCell(value);
  return cell === null ? '' : String(cell);
}

/** Columns after the first where at least half of the non-empty cells are numbers. */
function numericColumns(table: Tabulated): number[] {
  const columns: number[] = [];
  for (let column = 1; column < table.keys.length; column += 1) {
    let present = 0;
    let numeric = 0;
    for (const row of table.rows) {
      const cell = row[column];
      if (isMissing(cell)) continue;
      present += 1;
      if (toChartNumber(cell) !== null) numeric += 1;
    }
    if (numeric > 0 && numeric * 2 >= present) columns.push(column);
  }
  return columns;
}

function seriesData(table: Tabulated, column: number, warnings: RunWarning[]): (number | null)[] {
  const gaps: number[] = [];
  const data = table.rows.map((row, rowIndex) => {
    const value = toChartNumber(row[column]);
    if (value === null) gaps.push(rowIndex + 1);
    return value;
  });
  if (gaps.length > 0) warnings.push(gapWarning(table.keys[column]!, gaps));
  return data;
}

function gapWarning(series: string, rows: number[]): RunWarning {
  const listed = rows.slice(0, MAX_LISTED_ROWS).join(', ') + (rows.length > MAX_LISTED_ROWS ? ', …' : '');
  const count = rows.length === 1 ? '1 value is' : `${rows.length} values are`;
  return {
    code: 'CHART_VALUE_NOT_NUMERIC',
    message: `Series "${series}": ${count} missing or not a number (rows ${listed}) and shown as gaps.`,
  };
}

function scatterPoints(table: Tabulated, columns: number[], warnings: RunWarning[]): NonNullable<ChartSpec['points']> {
  const skipped: number[] = [];
  const xs = table.rows.map((row, rowIndex) => {
    const x = toChartNumber(row[0]);
    if (x === null) skipped.push(rowIndex + 1);
    return x;
  });
  if (skipped.length > 0) warnings.push(gapWarning(table.keys[0]!, skipped));

  return columns.map((column) => {
    const gaps: number[] = [];
    const data: { x: number; y: number }[] = [];
    table.rows.forEach((row, rowIndex) => {
      const x = xs[rowIndex];
      const y = toChartNumber(row[column]);
      if (y === null) gaps.push(rowIndex + 1);
      if (x !== null && x !== undefined && y !== null) data.push({ x, y });
    });
    if (gaps.length > 0) warnings.push(gapWarning(table.keys[column]!, gaps));
    return { label: table.keys[column]!, data };
  });
}

interface SeriesOption {
  color?: string;
  type?: { type: 'bar' | 'line'; fill?: boolean; stepped?: boolean };
}

function readSeriesOptions(value: unknown, sourceType: SourceChartType, warnings: RunWarning[]): Record<number, SeriesOption> {
  const result: Record<number, SeriesOption> = {};
  if (value === undefined) return result;
  if (typeof value !== 'object' || value === null) {
    warnings.push({ code: 'CHART_OPTION_UNSUPPORTED', message: `Chart option "series" must be an object or list and was ignored.` });
    return result;
  }
  for (const [key, entry] of Object.entries(value)) {
    const index = Number(key);
    if (!Number.isInteger(index) || typeof entry !== 'object' || entry === null) continue;
    const option: SeriesOption = {};
    for (const [name, setting] of Object.entries(entry)) {
      if (name === 'color' && isCssColor(setting)) option.color = setting.trim();
      else if (name === 'type' && sourceType === 'ComboChart') option.type = comboType(setting, sourceType, warnings);
      else {
        warnings.push({
          code: 'CHART_OPTION_UNSUPPORTED',
          message: `Chart option "series.${index}.${name}" is not supported for ${sourceType} and was ignored.`,
        });
      }
    }
    result[index] = option;
  }
  return result;
}

function comboType(value: unknown, sourceType: SourceChartType, warnings: RunWarning[]): SeriesOption['type'] {
  const mapped = typeof value === 'string' && Object.hasOwn(COMBO_SERIES_TYPES, value) ? COMBO_SERIES_TYPES[value] : undefined;
  if (mapped) return { ...mapped };
  warnings.push({
    code: 'CHART_OPTION_UNSUPPORTED',
    message: `Series type ${JSON.stringify(value)} is not supported for ${sourceType}; drawn as bars.`,
  });
  return { type: 'bar' };
}
