import type { RunResult } from '../../../../src/contract/run';

/**
 * Tells whether a result has nothing to show: the backend marked it empty, or
 * the template rendered only whitespace and there is no table or chart.
 */
export function isEmptyResult(result: RunResult): boolean {
  if (result.isEmpty) return true;
  return result.html.trim() === '' && result.tables.length === 0 && result.charts.length === 0;
}
