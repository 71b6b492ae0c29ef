// Chart values from table cells. Numbers that arrive as strings (Prometheus
// sends `"1"`) count; missing cells, text and sentinels such as `"NaN"` or
// `"+Inf"` become null, which chart.js draws as a gap instead of a wrong bar.

const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function toChartNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (!NUMERIC_TEXT.test(text)) return null;
    const number = Number(text);
    return Number.isFinite(number) ? number : null;
  }
  return null;
}

export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}
