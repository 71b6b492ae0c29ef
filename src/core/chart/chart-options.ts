// Google Charts options mapped onto ChartSpec options. An option we do not
// map is reported as a CHART_OPTION_UNSUPPORTED warning and ignored, so a
// PocketQuery template still renders.

import type { ChartSpec, RunWarning, SourceChartType } from '../../contract/run';

type SpecOptions = ChartSpec['options'];

// `series` (per-series colour, and type for combo charts) is read by the spec builder.
const COMMON_OPTIONS = new Set(['title', 'colors', 'legend', 'isStacked', 'hAxis', 'vAxis', 'width', 'height', 'series']);
const TYPE_OPTIONS: Partial<Record<SourceChartType, string[]>> = {
  PieChart: ['pieHole'],
  ComboChart: ['seriesType'],
};
const LEGEND_POSITIONS = new Set(['top', 'bottom', 'left', 'right', 'none']);

// Hex, rgb()/rgba()/hsl()/hsla() and named colours; nothing that could carry other CSS.
const CSS_COLOR = /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\(\s*[\d.%\s,/]+\)|[a-zA-Z]{3,20})$/;

export function isCssColor(value: unknown): value is string {
  return typeof value === 'string' && CSS_COLOR.test(value.trim());
}

function unsupported(name: string, sourceType: SourceChartType, warnings: RunWarning[]): void {
  warnings.push({
    code: 'CHART_OPTION_UNSUPPORTED',
    message: `Chart option "${name}" is not supported for ${sourceType} and was ignored.`,
  });
}

function toSize(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.min(value, 4000);
  if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/.exec(value);
    if (match) return toSize(Number(match[1]));
  }
  return undefined;
}

export function mapChartOptions(sourceType: SourceChartType, options: Record<string, unknown>, warnings: RunWarning[]): SpecOptions {
  const mapped: SpecOptions = {};
  const allowed = new Set([...COMMON_OPTIONS, ...(TYPE_OPTIONS[sourceType] ?? [])]);

  for (const [name, value] of Object.entries(options)) {
    if (!allowed.has(name)) {
      unsupported(name, sourceType, warnings);
      continue;
    }
    switch (name) {
      case 'title':
        if (typeof value === 'string' || typeof value === 'number') mapped.title = String(value);
        else unsupported('title (not text)', sourceType, warnings);
        break;
      case 'colors':
        mapped.colors = readColors(value, sourceType, warnings);
        break;
      case 'legend':
        readLegend(value, mapped, sourceType, warnings);
        break;
      case 'isStacked':
        if (value === true || value === 'absolute') mapped.stacked = true;
        else if (value === 'percent' || value === 'relative') {
          mapped.stacked = true;
          unsupported(`isStacked: '${value}' (drawn as absolute stacking)`, sourceType, warnings);
        } else if (value !== false) unsupported(`isStacked: ${JSON.stringify(value)}`, sourceType, warnings);
        break;
      case 'hAxis':
      case 'vAxis':
        readAxis(name, value, mapped, sourceType, warnings);
        break;
      case 'width':
      case 'height': {
        const size = toSize(value);
        if (size === undefined) unsupported(`${name}: ${JSON.stringify(value)}`, sourceType, warnings);
        else mapped[name] = size;
        break;
      }
      default:
        // pieHole, seriesType and series are read by the spec builder.
        break;
    }
  }
  return mapped;
}

function readColors(value: unknown, sourceType: SourceChartType, warnings: RunWarning[]): string[] | undefined {
  if (!Array.isArray(value)) {
    unsupported('colors (not a list)', sourceType, warnings);
    return undefined;
  }
  const colors: string[] = [];
  for (const color of value) {
    if (isCssColor(color)) colors.push(color.trim());
    else unsupported(`colors entry ${JSON.stringify(color)} (not a CSS colour)`, sourceType, warnings);
  }
  return colors.length > 0 ? colors : undefined;
}

function readLegend(value: unknown, mapped: SpecOptions, sourceType: SourceChartType, warnings: RunWarning[]): void {
  const position = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as Record<string, unknown>).position : undefined;
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) if (key !== 'position') unsupported(`legend.${key}`, sourceType, warnings);
  }
  if (position === undefined) return;
  if (typeof position === 'string' && LEGEND_POSITIONS.has(position)) mapped.legendPosition = position as SpecOptions['legendPosition'];
  else unsupported(`legend position ${JSON.stringify(position)}`, sourceType, warnings);
}

function readAxis(name: 'hAxis' | 'vAxis', value: unknown, mapped: SpecOptions, sourceType: SourceChartType, warnings: RunWarning[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    unsupported(`${name} (not an object)`, sourceType, warnings);
    return;
  }
  for (const [key, entry] of Object.entries(value)) {
    if (key !== 'title') {
      unsupported(`${name}.${key}`, sourceType, warnings);
      continue;
    }
    if (typeof entry !== 'string' && typeof entry !== 'number') {
      unsupported(`${name}.title (not text)`, sourceType, warnings);
      continue;
    }
    // chart.js's x scale is always the horizontal one, also for horizontal bars.
    if (name === 'hAxis') mapped.xTitle = String(entry);
    else mapped.yTitle = String(entry);
  }
}
