// RunResult shapes for the browser tests, built from the real Jira response in
// test/fixtures/jira_v2_project_versions_apache_sling_201.json (201 versions of
// Apache Sling: names, release flags, ISO dates with some missing).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CellValue, ChartSpec, RunResult, TableData } from '../../../../src/contract/run';

interface JiraVersion {
  id: string;
  name: string;
  released: boolean;
  releaseDate?: string;
  projectId: number;
}

const VERSIONS_PATH = resolve(import.meta.dirname, '../../../fixtures/jira_v2_project_versions_apache_sling_201.json');

export function loadVersions(): JiraVersion[] {
  return JSON.parse(readFileSync(VERSIONS_PATH, 'utf8')) as JiraVersion[];
}

/** The default table of the versions: text, boolean, date (10 missing) and number columns. */
export function versionsTable(versions: JiraVersion[] = loadVersions()): TableData {
  return {
    id: 'table-1',
    layout: 'rows',
    columns: [
      { key: 'name', label: 'Name', type: 'text' },
      { key: 'released', label: 'Released', type: 'boolean' },
      { key: 'releaseDate', label: 'Release date', type: 'date' },
      { key: 'id', label: 'Id', type: 'number' },
    ],
    rows: versions.map((version): CellValue[] => [version.name, version.released, version.releaseDate ?? null, Number(version.id)]),
  };
}

/**
 * Repeats the real versions until `count` rows, varying each copy's id and name
 * so sorting has real work to do.
 */
export function largeVersionsTable(count: number): TableData {
  const versions = loadVersions();
  const rows: CellValue[][] = [];
  for (let index = 0; index < count; index++) {
    const version = versions[index % versions.length]!;
    const copy = Math.floor(index / versions.length);
    rows.push([`${version.name} (copy ${copy})`, version.released, version.releaseDate ?? null, Number(version.id) + copy * 1_000_000]);
  }
  return { ...versionsTable([]), rows };
}

export function baseResult(overrides: Partial<RunResult> = {}): RunResult {
  return {
    queryId: 'q-versions',
    queryName: 'Sling versions',
    html: '<div class="pq-table" data-table-id="table-1"></div>',
    tables: [],
    charts: [],
    isEmpty: false,
    emptyMessage: 'No versions found.',
    warnings: [],
    timings: { fetchMs: 12, convertMs: 3, renderMs: 2, totalMs: 17 },
    cache: { hit: false },
    engine: 'quickjs',
    ...overrides,
  };
}

export function tableResult(table: TableData = versionsTable()): RunResult {
  return baseResult({ tables: [table] });
}

/** A column chart of versions released per year, counted from the real data. */
export function releasesPerYearChart(): ChartSpec {
  const counts = new Map<string, number>();
  for (const version of loadVersions()) {
    if (!version.releaseDate) continue;
    const year = version.releaseDate.slice(0, 4);
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  const years = [...counts.keys()].sort();
  return {
    id: 'chart-1',
    type: 'bar',
    sourceType: 'ColumnChart',
    labels: years,
    datasets: [{ label: 'Releases', data: years.map((year) => counts.get(year) ?? 0) }],
    options: { title: 'Releases per year', legendPosition: 'none' },
  };
}

/** A line chart with `count` points: the version ids in release order, repeated as needed. */
export function largeLineChart(count: number): ChartSpec {
  const versions = loadVersions();
  const labels: string[] = [];
  const data: number[] = [];
  for (let index = 0; index < count; index++) {
    const version = versions[index % versions.length]!;
    labels.push(`${version.name} #${index}`);
    data.push(Number(version.id) % 100_000);
  }
  return { id: 'chart-1', type: 'line', sourceType: 'LineChart', labels, datasets: [{ label: 'Id', data }], options: { title: 'Version ids' } };
}

export function chartResult(spec: ChartSpec = releasesPerYearChart()): RunResult {
  return baseResult({ html: `<h3>Sling</h3><div class="pq-chart" data-chart-id="${spec.id}"></div>`, charts: [spec] });
}
