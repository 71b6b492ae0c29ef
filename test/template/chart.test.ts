import { describe, expect, it } from 'vitest';
import { parseObjectLiteral, readChartCalls } from '../../src/core/chart';
import { render } from './helpers';

describe('chart > parseObjectLiteral', () => {
  it.each([
    ["{title: 'Issues', isStacked: true}", { title: 'Issues', isStacked: true }],
    ['{"a": 1, \'b\': -2.5e1, c: null,}', { a: 1, b: -25, c: null }],
    ['{legend: {position: "bottom"}, colors: ["#f00", \'blue\',],}', { legend: { position: 'bottom' }, colors: ['#f00', 'blue'] }],
    ["{series: {1: {type: 'line'}}}", { series: { '1': { type: 'line' } } }],
    ['{/* c */ a: 1 // d\n}', { a: 1 }],
    ["{s: 'it\\'s \\u0041'}", { s: "it's A" }],
    ['[]', []],
    ['{__proto__: {polluted: true}}', {}],
  ])('reads %s', (text, expected) => {
    expect(parseObjectLiteral(text)).toEqual(expected);
  });

  it.each([
    ['{title: alert(1)}', 'Only literal values are allowed in chart options; found "alert(1)}".'],
    ['{a: 1 + 2}', 'Expected "}" but found "+ 2}".'],
    ['{a: function () {}}', 'Only literal values are allowed in chart options; found "function () {}}".'],
    ['{a: `x`}', 'Only literal values are allowed in chart options; found "`x`}".'],
    ["{a: 'open}", 'A string is never closed.'],
    ['{a: 1', 'Expected "}" but found the end of the input.'],
    ['{a: 1} x', 'Unexpected "x" after the value.'],
    ['{a: undefined}', 'Only literal values are allowed in chart options; found "undefined}".'],
  ])('rejects %s', (text, message) => {
    expect(() => parseObjectLiteral(text)).toThrow(message);
  });
});

describe('chart > readChartCalls', () => {
  it('reads several calls with semicolons', () => {
    expect(readChartCalls("PocketQuery.chart('PieChart');\n PocketQuery.chart(\"LineChart\", {title: 'x'},);")).toEqual([
      { sourceType: 'PieChart', options: {} },
      { sourceType: 'LineChart', options: { title: 'x' } },
    ]);
  });

  it.each([
    ["PocketQuery.chart('ColumnChart', {}); alert(1)", 'Expected PocketQuery.chart(...) but found "(1)".'],
    ["PocketQuery.chart('Gauge', {})", 'Unknown chart type "Gauge"'],
    ['PocketQuery.chart(type, {})', 'Expected a quoted string but found "type, {})".'],
    ["PocketQuery.chart('PieChart', [1])", 'Chart options must be an object'],
  ])('rejects %s', (script, message) => {
    expect(() => readChartCalls(script)).toThrow(message);
  });
});

const counts = [
  { type: 'Bug', open: 3, closed: '2' },
  { type: 'Task', open: 5, closed: 'n/a' },
  { type: 'Story', open: null, closed: '7' },
];

function chartOf(call: string, result: unknown = counts) {
  const output = render(`<h2>x</h2><script type="text/javascript">${call}</script>`, result);
  return output;
}

describe('chart > specs', () => {
  it('replaces the script with a placeholder', () => {
    const output = chartOf("PocketQuery.chart('ColumnChart', {title: 'Issues', isStacked: true})");
    expect(output.html).toBe('<h2>x</h2><div class="pq-chart" data-chart-id="chart-1"></div>');
    expect(output.charts[0]).toEqual({
      id: 'chart-1',
      type: 'bar',
      sourceType: 'ColumnChart',
      labels: ['Bug', 'Task', 'Story'],
      datasets: [
        { label: 'open', data: [3, 5, null] },
        { label: 'closed', data: [2, null, 7] },
      ],
      options: { title: 'Issues', stacked: true },
    });
  });

  it('warns about every gap', () => {
    const output = chartOf("PocketQuery.chart('ColumnChart')");
    expect(output.warnings).toEqual([
      { code: 'CHART_VALUE_NOT_NUMERIC', message: 'Series "open": 1 value is missing or not a number (rows 3) and shown as gaps.' },
      { code: 'CHART_VALUE_NOT_NUMERIC', message: 'Series "closed": 1 value is missing or not a number (rows 2) and shown as gaps.' },
    ]);
  });

  it.each([
    ['ColumnChart', {}, { type: 'bar' }, {}],
    ['BarChart', {}, { type: 'bar' }, { horizontal: true }],
    ['LineChart', {}, { type: 'line' }, {}],
    ['AreaChart', {}, { type: 'line' }, {}],
    ['SteppedAreaChart', {}, { type: 'line' }, {}],
    ['PieChart', {}, { type: 'pie' }, {}],
    ['PieChart', { pieHole: 0.4 }, { type: 'doughnut' }, {}],
    ['ComboChart', {}, { type: 'bar' }, {}],
  ])('maps %s %j', (sourceType, options, expected, expectedOptions) => {
    const output = chartOf(`PocketQuery.chart('${sourceType}', ${JSON.stringify(options)})`);
    expect(output.charts[0]).toMatchObject({ ...expected, sourceType, options: expectedOptions });
  });

  it('fills area charts and steps stepped ones', () => {
    expect(chartOf("PocketQuery.chart('AreaChart')").charts[0]?.datasets[0]).toMatchObject({ fill: true });
    expect(chartOf("PocketQuery.chart('SteppedAreaChart')").charts[0]?.datasets[0]).toMatchObject({ fill: true, stepped: true });
  });

  it('pie uses the first numeric column only', () => {
    expect(chartOf("PocketQuery.chart('PieChart')").charts[0]?.datasets.map((dataset) => dataset.label)).toEqual(['open']);
  });

  it('combo maps seriesType and per-series types', () => {
    const spec = chartOf("PocketQuery.chart('ComboChart', {seriesType: 'bars', series: {1: {type: 'line', color: '#123456'}}})").charts[0];
    expect(spec?.datasets.map((dataset) => [dataset.type, dataset.color])).toEqual([
      ['bar', undefined],
      ['line', '#123456'],
    ]);
  });

  it('scatter builds points from numeric x', () => {
    const spec = chartOf("PocketQuery.chart('ScatterChart')", [
      { x: 1, y: 2 },
      { x: '3', y: 4 },
      { x: 'bad', y: 5 },
    ]).charts[0];
    expect(spec?.points).toEqual([{ label: 'y', data: [{ x: 1, y: 2 }, { x: 3, y: 4 }] }]);
  });

  it('maps the common options', () => {
    const spec = chartOf(
      "PocketQuery.chart('LineChart', {title: 'T', colors: ['#abc', 'rgb(1,2,3)'], legend: {position: 'none'}, hAxis: {title: 'X'}, vAxis: {title: 'Y'}, width: 600, height: '300px'})",
    ).charts[0];
    expect(spec?.options).toEqual({ title: 'T', colors: ['#abc', 'rgb(1,2,3)'], legendPosition: 'none', xTitle: 'X', yTitle: 'Y', width: 600, height: 300 });
  });

  it('warns about unsupported options and bad colours', () => {
    const output = chartOf("PocketQuery.chart('LineChart', {curveType: 'function', hAxis: {format: 'x'}, colors: ['red;background:url(x)']})");
    expect(output.warnings.filter((warning) => warning.code === 'CHART_OPTION_UNSUPPORTED').map((warning) => warning.message)).toEqual([
      'Chart option "curveType" is not supported for LineChart and was ignored.',
      'Chart option "hAxis.format" is not supported for LineChart and was ignored.',
      'Chart option "colors entry "red;background:url(x)" (not a CSS colour)" is not supported for LineChart and was ignored.',
    ]);
    expect(output.charts[0]?.options.colors).toBeUndefined();
  });

  it('PQ.chart does the same from Velocity', () => {
    const output = render('$PQ.chart("PieChart", {"title": "Share", "pieHole": 0.5})', counts);
    expect(output.html).toBe('<div class="pq-chart" data-chart-id="chart-1"></div>');
    expect(output.charts[0]).toMatchObject({ type: 'doughnut', options: { title: 'Share' } });
  });

  it('a bad chart script is a template error', () => {
    expect(() => chartOf("PocketQuery.chart('ColumnChart', {title: document.cookie})")).toThrow(
      'Template "Main": Chart options could not be read: Only literal values are allowed in chart options; found "document.cookie})".',
    );
  });

  it('leaves other scripts for the sanitizer', () => {
    expect(render('<script>var a = 1;</script>', counts).html).toBe('<script>var a = 1;</script>');
  });

  it('warns when no column is numeric', () => {
    const output = chartOf("PocketQuery.chart('ColumnChart')", [{ a: 'x', b: 'y' }]);
    expect(output.warnings[0]?.message).toBe('Chart chart-1 has no numeric column after the label column "a", so it has no data.');
  });
});
