// Maps a ChartSpec from the backend to a chart.js configuration. Colours come
// from the spec when the template set them, otherwise from the Atlassian
// categorical chart tokens, so charts follow light and dark mode.

import type { ChartConfiguration, ChartDataset as ChartJsDataset } from 'chart.js';
import type { ChartSpec } from '../../../../src/contract/run';

/** Colours and text styles read from the design tokens at render time. */
export interface ChartTheme {
  palette: string[];
  text: string;
  grid: string;
  surface: string;
}

const TICK_SAMPLE_SIZE = 50;
const MAX_DENSE_LABELS = 24;

/** Above this many labels a line is drawn without point markers. */
const DENSE_POINTS = 200;

export function buildChartConfig(spec: ChartSpec, theme: ChartTheme): ChartConfiguration {
  const palette = spec.options.colors?.length ? spec.options.colors : theme.palette;
  const colorAt = (index: number): string => palette[index % palette.length] ?? theme.text;
  const isCircular = spec.type === 'pie' || spec.type === 'doughnut';

  const datasets: ChartJsDataset[] =
    spec.type === 'scatter'
      ? (spec.points ?? []).map((series, index) => ({
          type: 'scatter' as const,
          label: series.label,
          data: series.data,
          backgroundColor: colorAt(index),
          borderColor: colorAt(index),
        }))
      : spec.datasets.map((dataset, index) => {
          const color = dataset.color ?? colorAt(index);
          const type = dataset.type ?? (spec.type as 'bar' | 'line' | 'pie' | 'doughnut');
          return {
            type,
            label: dataset.label,
            data: dataset.data,
            // A pie gives every slice its own colour; other types one colour per series.
            backgroundColor: isCircular ? spec.labels.map((_, slice) => colorAt(slice)) : type === 'line' && dataset.fill ? withAlpha(color, 0.35) : color,
            borderColor: isCircular ? theme.surface : color,
            fill: dataset.fill ?? false,
            stepped: dataset.stepped ?? false,
            spanGaps: false,
            // Point markers on dense lines cost draw time and hide the line; hovering still finds the values.
            pointRadius: spec.labels.length > DENSE_POINTS ? 0 : 3,
            pointHitRadius: 4,
          } as ChartJsDataset;
        });

  const legendPosition = spec.options.legendPosition ?? (isCircular ? 'right' : 'top');
  const stacked = spec.options.stacked ?? false;
  const horizontal = spec.options.horizontal ?? false;

  return {
    type: spec.type,
    data: { labels: spec.type === 'scatter' ? undefined : spec.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // First paint is final: animating it would delay the chart and move content.
      animation: false,
      // Data arrives as numbers or null already, so chart.js can skip sorting and parsing checks.
      normalized: true,
      indexAxis: horizontal ? 'y' : 'x',
      color: theme.text,
      borderColor: theme.grid,
      plugins: {
        legend: {
          display: legendPosition !== 'none' && (datasets.length > 1 || isCircular),
          position: legendPosition === 'none' ? 'top' : legendPosition,
          labels: { color: theme.text },
        },
        title: { display: Boolean(spec.options.title), text: spec.options.title ?? '', color: theme.text },
        tooltip: { enabled: true },
      },
      scales: isCircular ? {} : buildScales(spec, theme, stacked),
    },
  } as ChartConfiguration;
}

function buildScales(spec: ChartSpec, theme: ChartTheme, stacked: boolean) {
  // Counts should not get ticks at 0.1, 0.2, …; fractional data keeps chart.js's default steps.
  const isWholeNumbers = spec.datasets.every((dataset) => dataset.data.every((value) => value === null || Number.isInteger(value)));
  const axis = (title: string | undefined, isValueAxis: boolean) => ({
    type: spec.type === 'scatter' || isValueAxis ? ('linear' as const) : ('category' as const),
    stacked,
    title: { display: Boolean(title), text: title ?? '', color: theme.text },
    // Measuring a sample of labels, not all of them, keeps charts with thousands of labels fast to lay out.
    ticks: {
      color: theme.text,
      sampleSize: TICK_SAMPLE_SIZE,
      precision: isValueAxis && isWholeNumbers ? 0 : undefined,
      // A label axis with thousands of entries shows a readable subset anyway; capping it early skips laying out the rest.
      maxTicksLimit: !isValueAxis && spec.labels.length > DENSE_POINTS ? MAX_DENSE_LABELS : undefined,
    },
    grid: { color: theme.grid },
    beginAtZero: isValueAxis && spec.type !== 'scatter',
  });

  const horizontal = spec.options.horizontal ?? false;
  return {
    x: axis(spec.options.xTitle, horizontal),
    y: axis(spec.options.yTitle, !horizontal),
  };
}

/** Returns `color` with the given opacity when it is a hex colour; other CSS colours are returned unchanged. */
function withAlpha(color: string, alpha: number): string {
  const match = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (match === null) return color;
  const value = Number.parseInt(match[1]!, 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

/** Counts the data points a spec draws, not counting gaps. */
export function countDataPoints(spec: ChartSpec): number {
  if (spec.type === 'scatter') return (spec.points ?? []).reduce((sum, series) => sum + series.data.length, 0);
  return spec.datasets.reduce((sum, dataset) => sum + dataset.data.filter((value) => value !== null).length, 0);
}
