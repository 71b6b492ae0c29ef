import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../../src/contract/run';
import { buildChartConfig, countDataPoints } from '../../../../static/shared/src/chart/chart-config';
import { releasesPerYearChart } from '../support/fixtures';

const THEME = { palette: ['#111111', '#222222', '#333333'], text: '#000000', grid: '#cccccc', surface: '#ffffff' };

describe('buildChartConfig', () => {
  it('maps a column chart without animation', () => {
    const config = buildChartConfig(releasesPerYearChart(), THEME);
    expect(config.type).toBe('bar');
    expect(config.options?.animation).toBe(false);
    expect(config.options?.indexAxis).toBe('x');
    expect(config.data.datasets[0]?.backgroundColor).toBe('#111111');
    expect(config.options?.plugins?.title?.text).toBe('Releases per year');
    expect(config.options?.plugins?.legend?.display).toBe(false);
  });

  it('uses template colours before tokens', () => {
    const spec: ChartSpec = { ...releasesPerYearChart(), options: { colors: ['#ff0000'] } };
    expect(buildChartConfig(spec, THEME).data.datasets[0]?.backgroundColor).toBe('#ff0000');
    const own: ChartSpec = { ...releasesPerYearChart(), datasets: [{ label: 'x', data: [1], color: 'rebeccapurple' }] };
    expect(buildChartConfig(own, THEME).data.datasets[0]?.backgroundColor).toBe('rebeccapurple');
  });

  it('draws horizontal and stacked bars', () => {
    const spec: ChartSpec = { ...releasesPerYearChart(), sourceType: 'BarChart', options: { horizontal: true, stacked: true } };
    const config = buildChartConfig(spec, THEME);
    const scales = config.options?.scales as Record<string, { type: string; stacked: boolean }>;
    expect(config.options?.indexAxis).toBe('y');
    expect(scales.x).toMatchObject({ type: 'linear', stacked: true });
    expect(scales.y).toMatchObject({ type: 'category', stacked: true });
  });

  it('gives pie slices their own colours', () => {
    const spec: ChartSpec = { ...releasesPerYearChart(), type: 'pie', sourceType: 'PieChart', labels: ['a', 'b', 'c', 'd'], datasets: [{ label: 'n', data: [1, 2, 3, 4] }] };
    const config = buildChartConfig(spec, THEME);
    expect(config.data.datasets[0]?.backgroundColor).toEqual(['#111111', '#222222', '#333333', '#111111']);
    expect(config.options?.scales).toEqual({});
  });

  it('fills area charts with a translucent colour', () => {
    const spec: ChartSpec = { ...releasesPerYearChart(), type: 'line', sourceType: 'AreaChart', datasets: [{ label: 'n', data: [1, 2], fill: true }] };
    expect(buildChartConfig(spec, THEME).data.datasets[0]?.backgroundColor).toBe('rgba(17, 17, 17, 0.35)');
  });

  it('counts points without gaps', () => {
    expect(countDataPoints({ ...releasesPerYearChart(), datasets: [{ label: 'a', data: [1, null, 2] }, { label: 'b', data: [null] }] })).toBe(2);
    expect(countDataPoints({ ...releasesPerYearChart(), type: 'scatter', points: [{ label: 'p', data: [{ x: 1, y: 1 }] }] })).toBe(1);
  });
});
