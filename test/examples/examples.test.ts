import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConverterRuntime, type ConverterRuntime } from '../../src/core/convert';
import { renderTemplate } from '../../src/core/template';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const index = JSON.parse(read('examples/index.json')) as {
  examples: { name: string; converter: string; template?: string; fixture: string }[];
};

let runtime: ConverterRuntime;
beforeAll(async () => {
  runtime = await createConverterRuntime();
});
afterAll(async () => {
  await runtime.dispose();
});

async function runExample(name: string) {
  const example = index.examples.find((candidate) => candidate.name === name)!;
  const { value } = await runtime.run({
    source: read(`examples/${example.converter}`),
    json: read(`test/fixtures/${example.fixture}`),
    metadata: { queryName: name, queryParameters: {}, originalQueryParameters: {}, status: 200, headers: {} },
  });
  const rendered = renderTemplate({
    template: example.template ? { name, source: read(`examples/${example.template}`) } : undefined,
    result: value,
    queryName: name,
    queryParameters: {},
    settings: { locale: 'en-US', timeZone: 'UTC' },
  });
  return { value, rendered };
}

describe('examples > real inputs', () => {
  it('issue counts per type from the 11-issue search', async () => {
    const { value, rendered } = await runExample('Issues by type');
    expect(value).toEqual([{ type: 'Task', count: 11 }]);
    expect(rendered.charts[0]).toMatchObject({ type: 'bar', labels: ['Task'], datasets: [{ label: 'count', data: [11] }] });
    expect(rendered.html).toContain('<div class="pq-chart" data-chart-id="chart-1"></div>');
  });

  it('open issues table', async () => {
    const { value, rendered } = await runExample('Open issues');
    const rows = value as { key: string; status: string; assignee: string | null }[];
    expect(rows.map((row) => row.key)).toEqual([
      'SAMPLEPROJECT-13', 'SAMPLEPROJECT-12', 'SAMPLEPROJECT-11', 'SAMPLEPROJECT-10', 'SAMPLEPROJECT-9', 'SAMPLEPROJECT-8',
      'SAMPLEPROJECT-7', 'SAMPLEPROJECT-6', 'SAMPLEPROJECT-5', 'SAMPLEPROJECT-4', 'SAMPLEPROJECT-1',
    ]);
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['Open']));
    expect(new Set(rows.map((row) => row.assignee))).toEqual(new Set(['admin']));
    expect(rendered.html.match(/<tr><td>SAMPLEPROJECT-/g)).toHaveLength(11);
  });

  it('Prometheus matrix pivoted for a line chart', async () => {
    const { value, rendered } = await runExample('Prometheus up over time');
    expect(value).toEqual([
      { time: '20:10:30', 'localhost:9090': '1', 'localhost:9091': '0' },
      { time: '20:10:45', 'localhost:9090': '1', 'localhost:9091': '0' },
      { time: '20:11:00', 'localhost:9090': '1', 'localhost:9091': '1' },
    ]);
    expect(rendered.charts[0]?.datasets).toEqual([
      { label: 'localhost:9090', data: [1, 1, 1] },
      { label: 'localhost:9091', data: [0, 0, 1] },
    ]);
    expect(rendered.warnings).toEqual([]);
  });

  it('567 projects in the default table', async () => {
    const { value, rendered } = await runExample('Project list');
    expect(value).toHaveLength(567);
    expect(rendered.tables[0]?.columns.map((column) => column.key)).toEqual(['key', 'name', 'category']);
    expect(rendered.tables[0]?.rows).toHaveLength(567);
    expect((value as { name: string }[]).some((project) => project.name === 'Agila')).toBe(true);
  });
});
