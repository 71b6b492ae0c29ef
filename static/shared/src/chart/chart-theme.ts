import type { ChartTheme } from './chart-config';

// Fallbacks are the light-mode token values, used when theming is not enabled.
const PALETTE_FALLBACK = ['#357DE8', '#82B536', '#BF63F3', '#F68909', '#1558BC', '#964AC0', '#42B2D7', '#BD5B00'];

/** Reads the chart palette and text colours from the design tokens currently applied to the page. */
export function readChartTheme(element: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;

  return {
    palette: PALETTE_FALLBACK.map((fallback, index) => read(`--ds-chart-categorical-${index + 1}`, fallback)),
    text: read('--ds-text-subtle', '#505258'),
    grid: read('--ds-border', '#0B120E24'),
    surface: read('--ds-surface', '#FFFFFF'),
  };
}
