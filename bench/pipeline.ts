// Server-side pipeline benchmarks, each against a hand-written baseline timed
// in the same process and run:
//   - runQuery on the real 11-issue Jira search, warm, with a fetch port that
//     returns the recorded bytes (no network), against the same fetch port
//     plus JSON.parse and a hand-written loop that builds the table;
//   - the default table for 10,000 rows against a plain string-building loop;
//   - a custom Velocity template for 10,000 rows against velocityjs alone.

import { Compile, parse } from 'velocityjs';
import type { Converter, Datasource, EntityByKind, EntityKind, Query, Template } from '../src/contract/entities';
import { createConverterRuntime, type ConverterEngine } from '../src/core/convert';
import { secretKey } from '../src/core/entities';
import { sendRequest, type HttpDeps } from '../src/core/http';
import { systemClock, type ExecutionContext, type FetchPort } from '../src/core/ports';
import { runQuery, type EntityReader, type RunDeps } from '../src/core/run';
import { MemorySecretStore } from '../src/core/store/memory-store';
import { renderTableHtml } from '../src/core/table';
import { escapeHtml, formatDate, renderTemplate } from '../src/core/template';
import { cpuNowMs } from './lib/cpu-time';
import { issueRows, OPEN_ISSUES_CONVERTER, OPEN_ISSUES_TEMPLATE, readSearchFixture } from './lib/inputs';
import { summarize, timeInterleaved, timeRepeated, verdictOf, type ResultRow } from './lib/stats';

const SECTION = 'Server pipeline';
const BASE_URL = 'https://jira.example.com';
const TOKEN = 'bench-token';
const CONTEXT: ExecutionContext = { locale: 'en-US', timeZone: 'UTC', siteId: 'bench-site' };
const SETTINGS = { locale: CONTEXT.locale, timeZone: CONTEXT.timeZone };
const TABLE_ROWS = 10_000;

const stamp = { description: '', schemaVersion: 1 as const, version: 1, updatedAt: '2026-01-01T00:00:00.000Z' };

/** Returns a fetch port that responds to every request with the recorded search, as one body chunk. */
function recordedFetch(bytes: Buffer): FetchPort {
  return async () => ({
    status: 200,
    statusText: 'OK',
    headers: new Headers({ 'content-type': 'application/json;charset=UTF-8', 'content-length': String(bytes.length) }),
    body: (async function* () {
      yield new Uint8Array(bytes);
    })(),
  });
}

function entityReader(entities: (Datasource | Query | Converter | Template)[]): EntityReader {
  const byKey = new Map(entities.map((entity) => [`${entity.kind}:${entity.id}`, entity]));
  return {
    find: async <K extends EntityKind>(kind: K, id: string) => byKey.get(`${kind}:${id}`) as EntityByKind[K] | undefined,
    listEntities: async <K extends EntityKind>(kind: K) => entities.filter((entity) => entity.kind === kind) as EntityByKind[K][],
  };
}

const datasource: Datasource = {
  ...stamp,
  id: 'ds',
  kind: 'datasource',
  name: 'Jira',
  baseUrl: BASE_URL,
  auth: { kind: 'token', placement: 'bearer' },
  headers: {},
  allowedHosts: [],
  testPath: '/',
  timeoutMs: 10_000,
  maxResponseBytes: 20 * 1024 * 1024,
  allowInsecureHttp: false,
};

const query: Query = {
  ...stamp,
  id: 'q-open',
  kind: 'query',
  name: 'Open issues',
  datasourceId: 'ds',
  method: 'GET',
  url: '/rest/api/2/search?jql=project%3D:project',
  parameters: [{ name: 'project', type: 'string', default: 'SAMPLEPROJECT', required: true, description: '', viewerEditable: false }],
  converterId: 'c-open',
  templateId: 't-open',
  cacheDuration: '0',
  spaces: [],
};

/** Renders the same page the way a developer would by hand: fetch, parse, loop. */
async function handWrittenRun(fetchPort: FetchPort): Promise<string> {
  const response = await fetchPort(`${BASE_URL}/rest/api/2/search?jql=project%3DSAMPLEPROJECT`, {
    method: 'GET',
    headers: { authorization: `Bearer ${TOKEN}` },
    redirect: 'manual',
    signal: new AbortController().signal,
  });
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) chunks.push(chunk);
  const search = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { issues: { key: string; fields: Record<string, any> }[] };

  let html = '<table><thead><tr><th>Key</th><th>Summary</th><th>Status</th><th>Assignee</th><th>Created</th></tr></thead><tbody>';
  for (const issue of search.issues) {
    const fields = issue.fields;
    html += `<tr><td>${escapeHtml(issue.key)}</td><td>${escapeHtml(fields.summary ?? '')}</td><td>${escapeHtml(fields.status?.name ?? '')}</td>`;
    html += `<td>${escapeHtml(fields.assignee?.displayName ?? '')}</td><td>${escapeHtml(String(fields.created ?? '').slice(0, 10))}</td></tr>`;
  }
  return `${html}</tbody></table>`;
}

async function benchRunQuery(engine: ConverterEngine, iterations: number): Promise<ResultRow> {
  const bytes = readSearchFixture();
  const fetchPort = recordedFetch(bytes);
  const secrets = new MemorySecretStore();
  await secrets.set(secretKey('ds', 'token'), TOKEN);
  const http: HttpDeps = { fetch: fetchPort, secrets, clock: systemClock, network: { privateHostsAllowed: [] } };
  const converters = await createConverterRuntime({ engine });

  try {
    const deps: RunDeps = {
      entities: entityReader([
        datasource,
        query,
        { ...stamp, id: 'c-open', kind: 'converter', name: 'Open issues', source: OPEN_ISSUES_CONVERTER, sampleInput: '' },
        { ...stamp, id: 't-open', kind: 'template', name: 'Open issues', source: OPEN_ISSUES_TEMPLATE },
      ]),
      upstream: (source, request) => sendRequest(http, source, request),
      converters,
      clock: systemClock,
    };
    const check = await runQuery(deps, query, {}, CONTEXT);
    if ((check.html.match(/<tr>/g) ?? []).length !== 12) throw new Error('runQuery benchmark: expected a header row and 11 issue rows.');

    // CPU time of every thread and child process per call, next to the wall time, as a check independent of load.
    const cpu = { subject: 0, baseline: 0 };
    const withCpu = (key: keyof typeof cpu, action: () => Promise<unknown>) => async () => {
      const started = cpuNowMs();
      await action();
      cpu[key] += cpuNowMs() - started;
    };
    const times = await timeInterleaved(
      iterations,
      withCpu('subject', () => runQuery(deps, query, {}, CONTEXT)),
      withCpu('baseline', () => handWrittenRun(fetchPort)),
    );
    // timeInterleaved runs each action once untimed first.
    const cpuOverhead = (cpu.subject - cpu.baseline) / (iterations + 1);
    const measured = summarize(times.subject);
    const baseline = summarize(times.baseline);
    const overhead = measured.median - baseline.median;
    return {
      section: SECTION,
      what: `runQuery, real 11-issue Jira search (${(bytes.length / 1024).toFixed(0)} KiB), warm, ${engine}`,
      baseline: 'fetch + JSON.parse + hand-written loop',
      measured,
      baselineMeasured: baseline,
      unit: 'ms',
      ratio: measured.median / baseline.median,
      budget: '≤ 10 ms overhead',
      verdict: verdictOf(overhead <= 10),
      note: `overhead ${overhead.toFixed(2)} ms; CPU-time overhead ${cpuOverhead.toFixed(2)} ms per run`,
    };
  } finally {
    await converters.dispose();
  }
}

/** Builds the default table as a string: the union of keys, escaped cells. */
function stringBuiltTable(rows: Record<string, unknown>[]): string {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  let html = '<table><thead><tr>';
  for (const key of keys) html += `<th>${escapeHtml(key)}</th>`;
  html += '</tr></thead><tbody>';
  for (const row of rows) {
    html += '<tr>';
    for (const key of keys) {
      const value = row[key];
      html += `<td>${value === null || value === undefined ? '' : escapeHtml(String(value))}</td>`;
    }
    html += '</tr>';
  }
  return `${html}</tbody></table>`;
}

async function benchDefaultTable(iterations: number): Promise<ResultRow> {
  const rows = issueRows(TABLE_ROWS);
  const render = () => renderTemplate({ result: rows, queryName: 'Open issues', queryParameters: {}, settings: SETTINGS });
  if (render().tables[0]?.rows.length !== TABLE_ROWS) throw new Error(`Default table benchmark: expected ${TABLE_ROWS} rows.`);

  const times = await timeInterleaved(iterations, render, () => stringBuiltTable(rows));
  const measured = summarize(times.subject);
  const baseline = summarize(times.baseline);
  const ratio = measured.median / baseline.median;

  // The macro builds the table's DOM from the structured rows. Static HTML of the same table (exports, pq run) is context.
  const table = render().tables[0]!;
  const staticHtml = summarize(await timeRepeated(iterations, () => renderTableHtml(table)));
  return {
    section: SECTION,
    what: `default table, ${TABLE_ROWS.toLocaleString('en')} rows, server render (structured rows for the macro)`,
    baseline: 'plain string-building loop',
    measured,
    baselineMeasured: baseline,
    unit: 'ms',
    ratio,
    budget: '≤ 2× and ≤ 40 ms',
    verdict: verdictOf(ratio <= 2 && measured.median <= 40),
    note: `static HTML of the same table (renderTableHtml) takes another ${staticHtml.median.toFixed(1)} ms`,
  };
}

async function benchVelocity(iterations: number): Promise<ResultRow> {
  const rows = issueRows(TABLE_ROWS);
  const template = { id: 't-open', name: 'Open issues', source: OPEN_ISSUES_TEMPLATE };
  const render = () => renderTemplate({ template, result: rows, queryName: 'Open issues', queryParameters: {}, settings: SETTINGS });

  // velocityjs with the same parsed template and the same date helper, without escaping or Java behaviour.
  const asts = parse(OPEN_ISSUES_TEMPLATE);
  const PQ = { formatDate: (value: unknown, pattern: unknown) => formatDate(value, pattern, SETTINGS) };
  const plain = () => new Compile(asts).render({ result: rows, PQ });

  const html = render().html;
  if ((html.match(/<tr>/g) ?? []).length !== TABLE_ROWS + 1) throw new Error(`Velocity benchmark: expected ${TABLE_ROWS} rows in the output.`);

  const times = await timeInterleaved(iterations, render, plain);
  const measured = summarize(times.subject);
  const baseline = summarize(times.baseline);
  const ratio = measured.median / baseline.median;
  return {
    section: SECTION,
    what: `custom Velocity template (examples/templates/open-issues.vm), ${TABLE_ROWS.toLocaleString('en')} rows`,
    baseline: 'velocityjs alone, same parsed template',
    measured,
    baselineMeasured: baseline,
    unit: 'ms',
    ratio,
    budget: '≤ 1.2×',
    verdict: verdictOf(ratio <= 1.2),
  };
}

export async function runPipelineBenchmarks(options: { iterations: number }): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const engine of ['isolated-vm', 'quickjs'] as const) rows.push(await benchRunQuery(engine, options.iterations * 4));
  rows.push(await benchDefaultTable(options.iterations));
  rows.push(await benchVelocity(options.iterations));
  return rows;
}
