export { buildChartSpec, type BuiltChart } from './build-spec';
export { ChartCallError, readChartCalls, replaceChartScripts, toChartCall, type ChartCall } from './chart-calls';
export { CHART_TYPES, isSourceChartType } from './chart-types';
export { LiteralSyntaxError, parseObjectLiteral } from './literal-reader';
export { toChartNumber } from './numeric';

export function chartPlaceholder(id: string): string {
  return `<div class="pq-chart" data-chart-id="${id}"></div>`;
}
