// The example converters and templates in examples/ run against the real
// responses in test/fixtures. Expected rows are computed here from the fixture
// itself, never by running the converter, so a converter bug cannot hide
// behind its own output.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParameterDefinition } from '../../src/contract/entities';
import { createConverterRuntime, type ConverterRuntime } from '../../src/core/convert';
import { checkQueryParameters } from '../../src/core/params';
import { checkTemplateSyntax, renderTemplate, type RenderOutput } from '../../src/core/template';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Example {
  name: string;
  description: string;
  converter: string;
  template?: string;
  fixture: string;
  /** The fixture is a list of recorded exchanges; the example uses this entry's response and headers. */
  fixtureRecording?: number;
  path: string;
  parameters: ParameterDefinition[];
}

const index = JSON.parse(read('examples/index.json')) as { examples: Example[] };
const settings = { locale: 'en-US', timeZone: 'UTC' };

let isolated: ConverterRuntime;
let quickjs: ConverterRuntime;
beforeAll(async () => {
  isolated = await createConverterRuntime();
  quickjs = await createConverterRuntime({ engine: 'quickjs' });
});
afterAll(async () => {
  await isolated.dispose();
  await quickjs.dispose();
});

function example(name: string): Example {
  const found = index.examples.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`No example named ${name} in examples/index.json`);
  return found;
}

function fixtureText(name: string): string {
  return read(`test/fixtures/${name}`);
}

// Fixtures are parsed here with loose types: the expectations read them the way a reader of the JSON would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function fixtureJson(name: string): Json {
  return JSON.parse(fixtureText(name));
}

/** Returns the response body and lower-case headers that the example's query would receive. */
function upstreamBody(entry: Example, recording = entry.fixtureRecording): { json: string; headers: Record<string, string> } {
  if (recording === undefined) return { json: fixtureText(entry.fixture), headers: {} };
  const exchange = fixtureJson(entry.fixture)[recording];
  const headers = Object.fromEntries(Object.entries(exchange.headers as Record<string, unknown>).map(([key, value]) => [key.toLowerCase(), String(value)]));
  return { json: JSON.stringify(exchange.response), headers };
}

async function convert(entry: Example, options: { runtime?: ConverterRuntime; json?: string; recording?: number } = {}): Promise<Json> {
  const body = upstreamBody(entry, options.recording ?? entry.fixtureRecording);
  const { value } = await (options.runtime ?? isolated).run({
    source: read(`examples/${entry.converter}`),
    converterName: entry.name,
    json: options.json ?? body.json,
    metadata: { queryName: entry.name, queryParameters: {}, originalQueryParameters: {}, status: 200, headers: body.headers },
  });
  return value;
}

function render(entry: Example, value: unknown): RenderOutput {
  return renderTemplate({
    template: entry.template ? { name: entry.name, source: read(`examples/${entry.template}`) } : undefined,
    result: value,
    queryName: entry.name,
    queryParameters: {},
    settings,
  });
}

async function run(name: string, options: { json?: string; recording?: number } = {}): Promise<{ value: Json; rendered: RenderOutput }> {
  const entry = example(name);
  const value = await convert(entry, options);
  return { value, rendered: render(entry, value) };
}

/** Returns the text of every <tr> in the HTML, cells separated by "|" and tags dropped. */
function htmlRows(html: string): string[] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) =>
    match[1]!.split(/<\/t[dh]>/).slice(0, -1).map((cell) => cell.replace(/<[^>]*>/g, '')).join('|'),
  );
}

const isoDay = (text: string) => new Date(text).toISOString().slice(0, 10);
const hours = (seconds: number) => Math.round(seconds / 36) / 100;

describe('examples > index', () => {
  it('runs on both engines', () => {
    expect(isolated.engine).toBe('isolated-vm');
    expect(quickjs.engine).toBe('quickjs');
  });

  it('every fixture is covered by an example or a named test', () => {
    // Error envelopes and parser edge cases have no converter: the client fails before converting,
    // or the default converter handles them. These are checked through runQuery in test/run.
    const coveredElsewhere = new Set([
      'jira_error_400_field_errors_jira-ruby.json',
      'jira_error_404_issue_not_found_go-jira.json',
      'github_error_422_validation_octokit_fixture.json',
      'jsontestsuite_i_structure_500_nested_arrays.json',
      'jsontestsuite_i_structure_UTF-8_BOM_empty_object.json',
      // Rendered below with the examples of the same API.
      'jira_v2_search_empty_startAt11_jira-ruby.json',
      'jira_v3_searchjql_token_page2_last_jira-cli.json',
      'jira_v3_searchjql_empty_jira-cli.json',
    ]);
    const runQueryTests = read('test/run/run-query.test.ts');
    const used = new Set(index.examples.map((entry) => entry.fixture));
    const fixtures = readdirSync(path.join(root, 'test/fixtures')).filter((name) => name.endsWith('.json'));
    expect(fixtures.length).toBeGreaterThanOrEqual(33);
    for (const fixture of fixtures) {
      const covered = used.has(fixture) || (coveredElsewhere.has(fixture) && (runQueryTests.includes(fixture) || read('test/examples/examples.test.ts').includes(`fixtureText('${fixture}')`)));
      expect(covered, fixture).toBe(true);
    }
  });

  it('the README lists every example with its files', () => {
    const readme = read('examples/README.md');
    for (const entry of index.examples) {
      const row = readme.split('\n').find((line) => line.startsWith(`| ${entry.name} |`));
      expect(row, entry.name).toBeDefined();
      expect(row).toContain(`\`${entry.path}\``);
      expect(row).toContain(`\`${entry.fixture}\``);
      expect(row).toContain(entry.converter.replace('converters/', ''));
      if (entry.template) expect(row).toContain(entry.template.replace('templates/', ''));
    }
  });

  it('names are unique', () => {
    const names = index.examples.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(index.examples.map((entry) => [entry.name, entry] as const))('%s is a complete, valid query', async (_name, entry) => {
    for (const key of ['name', 'description', 'converter', 'fixture', 'path', 'parameters'] as const) expect(entry[key]).toBeDefined();
    expect(read('test/fixtures/PROVENANCE.md')).toContain(`\`${entry.fixture}\``);
    expect(checkQueryParameters({ method: 'GET', url: entry.path, parameters: entry.parameters }).problems).toEqual([]);
    expect(await isolated.checkSyntax(read(`examples/${entry.converter}`))).toMatchObject({ ok: true });
    if (entry.template) expect(checkTemplateSyntax(read(`examples/${entry.template}`))).toEqual([]);
  });

  it.each(index.examples.map((entry) => [entry.name, entry] as const))('%s: QuickJS converts like isolated-vm, renders cleanly', async (_name, entry) => {
    const value = await convert(entry);
    expect(await convert(entry, { runtime: quickjs })).toEqual(value);
    const rendered = render(entry, value);
    expect(rendered.warnings).toEqual([]);
    expect(rendered.isEmpty).toBe(false);
    expect(rendered.html).not.toContain('[object Object]');
  });
});

/** Text fields that REST APIs fill from user input; the hostile test prefixes each with markup. */
const USER_TEXT_KEYS = new Set(['name', 'title', 'summary', 'displayName', 'goal', 'login', 'context', 'comment', 'someProductProperty']);
const PAYLOAD = '<img src=x onerror=alert(1)><script>alert(2)</script>';

function withPayload(value: Json): Json {
  if (Array.isArray(value)) return value.map(withPayload);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, typeof child === 'string' && USER_TEXT_KEYS.has(key) ? PAYLOAD + child : withPayload(child)]),
  );
}

describe('examples > hostile REST data', () => {
  const reached = new Set<string>();

  it.each(index.examples.map((entry) => [entry.name, entry] as const))('%s escapes markup in user text', async (_name, entry) => {
    const hostile = JSON.stringify(withPayload(JSON.parse(upstreamBody(entry).json)));
    const rendered = render(entry, await convert(entry, { json: hostile }));
    expect(rendered.html).not.toMatch(/<script|<img src=x/i);
    const cells = [...rendered.tables.flatMap((table) => table.rows.flat()), ...rendered.charts.flatMap((chart) => chart.labels)];
    // Tables and chart labels carry the text as data; the macro escapes it when it draws them.
    if (rendered.html.includes('&lt;img src=x onerror=alert(1)&gt;') || cells.some((cell) => typeof cell === 'string' && cell.includes(PAYLOAD))) reached.add(entry.name);
  });

  it('the payload reaches the output of most examples', () => {
    // Some examples print no user text at all (ids, numbers, Prometheus labels), so not every one counts.
    expect(reached.size).toBeGreaterThanOrEqual(index.examples.length - 8);
    expect(reached.has('Open issues')).toBe(true);
    expect(reached.has('Jira issue in the site\'s language')).toBe(true);
    expect(reached.has('GitHub issues')).toBe(true);
  });
});

describe('examples > Jira', () => {
  it('issue counts per type from the 11-issue search', async () => {
    const { value, rendered } = await run('Issues by type');
    expect(value).toEqual([{ type: 'Task', count: 11 }]);
    expect(rendered.charts[0]).toMatchObject({ type: 'bar', labels: ['Task'], datasets: [{ label: 'count', data: [11] }] });
    expect(rendered.html).toContain('<div class="pq-chart" data-chart-id="chart-1"></div>');
  });

  it('open issues table', async () => {
    const { value, rendered } = await run('Open issues');
    const issues = fixtureJson('jira_v2_search_server_11issues_jira-ruby.json').issues as Json[];
    expect(value).toEqual(
      issues.map((issue) => ({
        key: issue.key,
        summary: issue.fields.summary,
        status: issue.fields.status.name,
        assignee: issue.fields.assignee ? issue.fields.assignee.displayName : null,
        created: issue.fields.created,
      })),
    );
    expect(rendered.html.match(/<tr><td>SAMPLEPROJECT-/g)).toHaveLength(11);
  });

  it('an empty search page shows the empty message', async () => {
    const { value, rendered } = await run('Open issues', { json: fixtureText('jira_v2_search_empty_startAt11_jira-ruby.json') });
    expect(value).toEqual([]);
    expect(rendered.isEmpty).toBe(true);
    expect(rendered.emptyMessage).toBe('No open issues.');
  });

  it('567 projects in the default table', async () => {
    const { value, rendered } = await run('Project list');
    const projects = fixtureJson('jira_v2_project_list_apache_567projects.json') as Json[];
    expect(value).toEqual(projects.map((project) => ({ key: project.key, name: project.name.trim(), category: project.projectCategory?.name ?? null })));
    expect(rendered.tables[0]?.columns.map((column) => column.key)).toEqual(['key', 'name', 'category']);
    expect(rendered.tables[0]?.rows).toHaveLength(567);
    expect((value as { name: string }[]).some((project) => project.name === 'Agila')).toBe(true);
  });

  it('sprints of a board, missing dates as null', async () => {
    const { value, rendered } = await run('Sprints of a board');
    const sprints = fixtureJson('jira_agile_sprint_list_go-jira.json').values as Json[];
    expect(value).toEqual(
      sprints.map((sprint) => ({
        id: sprint.id,
        name: sprint.name,
        state: sprint.state,
        start: 'startDate' in sprint ? sprint.startDate : null,
        end: 'endDate' in sprint ? sprint.endDate : null,
        completed: 'completeDate' in sprint ? sprint.completeDate : null,
        goal: 'goal' in sprint ? sprint.goal : null,
      })),
    );
    const day = (text?: string) => (text ? isoDay(text) : '');
    expect(htmlRows(rendered.html).slice(1)).toEqual(
      sprints.map((sprint) => [sprint.name, sprint.state, day(sprint.startDate), day(sprint.endDate), day(sprint.completeDate), sprint.goal ?? ''].join('|')),
    );
  });

  it('issues in a sprint (Jira Cloud)', async () => {
    const { value, rendered } = await run('Issues in a sprint');
    const page = fixtureJson('jira_agile_issues_in_sprint_go-jira.ANONYMIZED.json');
    expect(page.total).toBe(10);
    expect(value).toEqual(
      (page.issues as Json[]).map((issue) => ({
        key: issue.key,
        summary: issue.fields.summary ?? null,
        type: issue.fields.issuetype.name,
        status: issue.fields.status.name,
        assignee: issue.fields.assignee.displayName,
        epic: issue.fields.epic.name,
        hours: issue.fields.timespent === null ? null : hours(issue.fields.timespent),
        flagged: false,
      })),
    );
    expect(htmlRows(rendered.html)[1]).toBe('AR-86||Task|Ready|Person A|Moderation: Design|');
  });

  it('sprint issues with epic, flag and time tracking', async () => {
    const { value, rendered } = await run('Sprint issues with epic and worklog');
    const issue = fixtureJson('jira_agile_sprint_issues_with_epic_and_worklog_jira-ruby.json').issues[0];
    expect(value).toEqual([
      {
        key: issue.key,
        summary: null,
        type: null,
        status: null,
        assignee: null,
        epic: issue.fields.epic.name,
        hours: hours(issue.fields.timetracking.timeSpentSeconds),
        flagged: issue.fields.flagged,
      },
    ]);
    expect(htmlRows(rendered.html)[1]).toBe(`HSP-1 (flagged)|||||epic 1|${hours(issue.fields.timetracking.timeSpentSeconds).toFixed(2)}`);
  });

  it('project versions, newest release first', async () => {
    const { value, rendered } = await run('Project versions');
    const versions = fixtureJson('jira_v2_project_versions_apache_sling_201.json') as Json[];
    const undated = versions.filter((version) => !version.releaseDate);
    const dated = versions.filter((version) => version.releaseDate);
    const expected = [...undated, ...dated.map((version, position) => ({ version, position })).sort((a, b) => b.version.releaseDate.localeCompare(a.version.releaseDate) || a.position - b.position).map((item) => item.version)];
    expect(value).toEqual(
      expected.map((version) => ({
        name: version.name,
        released: version.released,
        archived: version.archived,
        releaseDate: version.releaseDate ?? null,
        description: version.description ?? null,
      })),
    );
    const table = rendered.tables[0]!;
    expect(table.rows).toHaveLength(201);
    expect(table.columns.map((column) => [column.key, column.type])).toEqual([
      ['name', 'text'], ['released', 'boolean'], ['archived', 'boolean'], ['releaseDate', 'date'], ['description', 'text'],
    ]);
    expect(table.rows[undated.length]?.[3]).toBe('2019-12-16');
  });

  it('released versions per year, stacked', async () => {
    const { value, rendered } = await run('Released versions per year');
    const counts = new Map<string, { active: number; archived: number }>();
    for (const version of fixtureJson('jira_v2_project_versions_apache_sling_201.json') as Json[]) {
      if (!version.released || !version.releaseDate) continue;
      const year = version.releaseDate.slice(0, 4);
      const entry = counts.get(year) ?? { active: 0, archived: 0 };
      if (version.archived) entry.archived += 1;
      else entry.active += 1;
      counts.set(year, entry);
    }
    const years = [...counts.keys()].sort();
    expect(value).toEqual(years.map((year) => ({ year, ...counts.get(year) })));
    expect(rendered.charts[0]).toMatchObject({
      type: 'bar',
      sourceType: 'ColumnChart',
      labels: years,
      datasets: [
        { label: 'active', data: years.map((year) => counts.get(year)!.active) },
        { label: 'archived', data: years.map((year) => counts.get(year)!.archived) },
      ],
      options: { stacked: true, title: 'Released versions per year', yTitle: 'Versions', legendPosition: 'bottom' },
    });
  });

  it('an issue with the site\'s field names, dates and history', async () => {
    const { value, rendered } = await run('Jira issue in the site\'s language');
    const issue = fixtureJson('jira_v2_issue_korean_locale_rendered_names_changelog_lesstif.ANONYMIZED.json');
    expect(value.key).toBe('TEST-1');
    expect(value.updated).toBe(issue.fields.updated);
    expect(value.fields.slice(0, 8)).toEqual([
      { field: '이슈 유형', value: '작업' },
      { field: '상태', value: '할 일' },
      { field: '우선순위', value: issue.fields.priority.name },
      { field: '담당자', value: issue.fields.assignee.displayName },
      { field: '보고자', value: issue.fields.reporter.displayName },
      { field: '생성일', value: issue.renderedFields.created },
      { field: '변경일', value: issue.renderedFields.updated },
      { field: '기한', value: issue.fields.duedate },
    ]);
    expect(value.fields.find((row: Json) => row.field === issue.names.components)).toEqual({ field: '구성 요소', value: issue.fields.components.join(', ') });
    const history = issue.changelog.histories as Json[];
    expect(value.changes).toEqual(
      history.flatMap((entry) =>
        entry.items.map((item: Json) => ({ when: entry.created, author: entry.author.displayName, field: issue.names[item.field] ?? item.field, from: item.fromString, to: item.toString })),
      ),
    );
    expect(value.changes[0].field).toBe('담당자');

    expect(rendered.html).toContain('<h3>TEST-1: This is your first task</h3>');
    expect(rendered.html).toContain('<h4>설명</h4>');
    expect(rendered.html).toContain(issue.renderedFields.description);
    expect(rendered.tables.map((table) => table.rows.length)).toEqual([value.fields.length, value.changes.length]);
    expect(rendered.tables[1]?.columns.find((column) => column.key === 'when')?.type).toBe('date');
    expect(rendered.html).toContain('<p class="pq-updated">February 6, 2018</p>');
  });

  it('the issue\'s date follows the viewer\'s locale and time zone', async () => {
    const entry = example('Jira issue in the site\'s language');
    const value = await convert(entry);
    const rendered = renderTemplate({
      template: { name: entry.name, source: read(`examples/${entry.template}`) },
      result: value,
      queryName: entry.name,
      queryParameters: {},
      settings: { locale: 'ko-KR', timeZone: 'Asia/Seoul' },
    });
    const expected = new Intl.DateTimeFormat('ko-KR', { dateStyle: 'long', timeZone: 'Asia/Seoul' }).format(Date.parse('2018-02-06T05:47:31.000Z'));
    expect(expected).toBe('2018년 2월 6일');
    expect(rendered.html).toContain(`<p class="pq-updated">${expected}</p>`);

    // 09:30 UTC is still the evening before in Honolulu (UTC-10), so the time zone decides the date.
    const honolulu = renderTemplate({
      template: { name: entry.name, source: read(`examples/${entry.template}`) },
      result: { ...value, updated: '2018-02-06T09:30:00.000+0000' },
      queryName: entry.name,
      queryParameters: {},
      settings: { locale: 'en-US', timeZone: 'Pacific/Honolulu' },
    });
    expect(honolulu.html).toContain('<p class="pq-updated">February 5, 2018</p>');
  });

  it('Jira Cloud token pages and the empty page', async () => {
    const expectedRows = (fixture: string) =>
      (fixtureJson(fixture).issues as Json[]).map((issue) => ({
        key: issue.key,
        type: issue.fields.issuetype.name,
        summary: issue.fields.summary,
        status: issue.fields.status.name,
        priority: issue.fields.priority.name,
        assignee: issue.fields.assignee?.displayName ?? null,
        reporter: issue.fields.reporter.displayName,
        resolution: issue.fields.resolution?.name ?? null,
        labels: issue.fields.labels.join(', '),
        watchers: issue.fields.watches.watchCount,
      }));

    const first = await run('Jira Cloud search');
    expect(first.value).toEqual(expectedRows('jira_v3_searchjql_token_page1_jira-cli.json'));
    expect(first.rendered.tables[0]?.rows.map((row) => row[0])).toEqual(['TEST-1', 'TEST-2']);
    expect(first.rendered.tables[0]?.columns.find((column) => column.key === 'watchers')?.type).toBe('number');

    const last = await run('Jira Cloud search', { json: fixtureText('jira_v3_searchjql_token_page2_last_jira-cli.json') });
    expect(last.value).toEqual(expectedRows('jira_v3_searchjql_token_page2_last_jira-cli.json'));
    expect(last.value[0]).toMatchObject({ assignee: 'Person A', resolution: 'Done' });

    const empty = await run('Jira Cloud search', { json: fixtureText('jira_v3_searchjql_empty_jira-cli.json') });
    expect(empty.rendered.isEmpty).toBe(true);
    expect(empty.rendered.emptyMessage).toBe('No issues match this search.');
  });

  it('velocity report as a combo chart', async () => {
    const { value, rendered } = await run('Sprint velocity');
    const report = fixtureJson('jira_greenhopper_velocity_report_agile-metrics.json');
    const sprints = [...(report.sprints as Json[])].sort((a, b) => a.sequence - b.sequence);
    const committed = sprints.map((sprint) => report.velocityStatEntries[String(sprint.id)].estimated.value);
    const completed = sprints.map((sprint) => report.velocityStatEntries[String(sprint.id)].completed.value);
    expect(value).toEqual(sprints.map((sprint, position) => ({ sprint: sprint.name, committed: committed[position], completed: completed[position] })));
    expect(rendered.charts[0]).toEqual({
      id: 'chart-1',
      type: 'bar',
      sourceType: 'ComboChart',
      labels: sprints.map((sprint) => sprint.name),
      datasets: [
        { label: 'committed', data: committed, type: 'bar' },
        { label: 'completed', data: completed, type: 'line' },
      ],
      options: { title: 'Velocity', yTitle: 'Story points', colors: ['#8993a4', '#36b37e'] },
    });
  });

  it('boards by type as a doughnut', async () => {
    const { value, rendered } = await run('Boards by type');
    const boards = fixtureJson('jira_agile_board_list_go-jira.json').values as Json[];
    const types = [...new Set(boards.map((board) => board.type as string))];
    const counts = types.map((type) => boards.filter((board) => board.type === type).length);
    expect(value).toEqual(types.map((type, position) => ({ type, boards: counts[position] })));
    expect(rendered.charts[0]).toMatchObject({ type: 'doughnut', sourceType: 'PieChart', labels: types, datasets: [{ data: counts }], options: { legendPosition: 'right' } });
  });

  it('field list maps custom field ids to names', async () => {
    const { value, rendered } = await run('Jira fields');
    const fields = fixtureJson('jira_v2_field_list_forthic.json') as Json[];
    expect(value).toEqual(fields.map((field) => ({ id: field.id, name: field.name, custom: field.custom, type: field.schema ? field.schema.type : null, jql: field.clauseNames.join(', ') })));
    expect(value.find((row: Json) => row.id === 'customfield_10460')).toMatchObject({ name: 'Risk_Factor', custom: true, type: 'option' });
    expect(rendered.tables[0]?.rows).toHaveLength(fields.length);
  });

  it('server information as a property table', async () => {
    const { rendered } = await run('Jira server information');
    const info = fixtureJson('jira_serverinfo_cloud_jira-cli.json');
    const table = rendered.tables[0]!;
    expect(table.layout).toBe('keyValue');
    expect(Object.fromEntries(table.rows.map((row) => [row[0], row[1]]))).toMatchObject({
      title: info.serverTitle,
      version: info.version,
      deployment: info.deploymentType,
      locale: info.defaultLocale.locale,
      baseUrl: info.baseUrl,
    });
  });

  it('issues per status from a fields=summary,status search', async () => {
    const { value, rendered } = await run('Issues by status');
    const issues = fixtureJson('jira_v2_search_apache_sling_fields_summary.json').issues as Json[];
    const statuses = [...new Set(issues.map((issue) => issue.fields.status.name as string))];
    const counts = statuses.map((status) => issues.filter((issue) => issue.fields.status.name === status).length);
    expect(value).toEqual(statuses.map((status, position) => ({ status, issues: counts[position] })));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(9);
    expect(rendered.charts[0]).toMatchObject({ type: 'pie', labels: statuses, datasets: [{ label: 'issues', data: counts }] });
  });

  it('worklog entries with a total', async () => {
    const { value, rendered } = await run('Work logged');
    const issues = fixtureJson('jira_v2_search_docs_example_names_worklog_lesstif.json').issues as Json[];
    const entries = issues.flatMap((issue) => (issue.fields.worklog as Json[]).map((entry) => ({ issue: issue.key, entry })));
    expect(value).toEqual(
      entries.map(({ issue, entry }) => ({
        issue,
        author: entry.author.displayName,
        started: entry.started,
        timeSpent: entry.timeSpent,
        hours: hours(entry.timeSpentSeconds),
        comment: entry.comment,
      })),
    );
    const total = entries.reduce((sum, { entry }) => sum + hours(entry.timeSpentSeconds), 0);
    expect(rendered.html).toContain(`<p>Total: ${total.toFixed(2)} hours</p>`);
    expect(htmlRows(rendered.html)[1]).toBe('EX-1|Fred F. User|2016-04-06 07:19|3h 20m|I did some work here.');
  });
});

describe('examples > GitHub', () => {
  const recording = fixtureJson('github_issues_paginated_link_header_octokit_fixture.json') as Json[];

  it.each(recording.map((_, page) => [page + 1, page] as const))('issues page %i of the Link-header pagination', async (pageNumber, entry) => {
    const { value, rendered } = await run('GitHub issues', { recording: entry });
    const issues = recording[entry].response as Json[];
    expect(value).toEqual({
      issues: issues.map((issue) => ({
        number: issue.number,
        title: issue.title,
        state: issue.state,
        kind: issue.pull_request ? 'pull request' : 'issue',
        author: issue.user.login,
        labels: issue.labels.map((label: Json) => label.name).join(', '),
        comments: issue.comments,
        created: issue.created_at,
        url: issue.html_url,
      })),
      page: pageNumber,
      lastPage: recording.length,
    });
    expect(rendered.html).toContain(`<p>Page ${pageNumber} of ${recording.length}</p>`);
    expect(htmlRows(rendered.html).slice(1).map((row) => row.split('|')[0])).toEqual(issues.map((issue) => String(issue.number)));
  });

  it('every issue appears once across the pages', async () => {
    const numbers: number[] = [];
    for (let entry = 0; entry < recording.length; entry += 1) {
      const { value } = await run('GitHub issues', { recording: entry });
      numbers.push(...value.issues.map((issue: Json) => issue.number));
    }
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 13 }, (_, position) => position + 1));
  });

  it('commit status checks', async () => {
    const { value, rendered } = await run('Build status of a commit');
    const statuses = fixtureJson('github_commit_combined_status_apache_sling.ANONYMIZED.json').statuses as Json[];
    expect(value).toEqual(statuses.map((status) => ({ context: status.context, state: status.state, description: status.description, updated: status.updated_at, details: status.target_url })));
    expect(htmlRows(rendered.html)[1]).toBe(`${statuses[0].context}|SUCCESS|${statuses[0].description}|2019-09-07 00:45`);
    expect(rendered.html).toContain(`<a href="${statuses[0].target_url}">`);
  });
});

describe('examples > Confluence', () => {
  it('pages with ancestors as breadcrumbs', async () => {
    const { value, rendered } = await run('Confluence pages with breadcrumbs');
    const search = fixtureJson('confluence_content_search_by_title_with_ancestors_forthic.json');
    expect(value).toEqual(
      (search.results as Json[]).map((page) => ({
        title: page.title,
        type: page.type,
        breadcrumb: page.ancestors.map((ancestor: Json) => ancestor.title).join(' › '),
        url: search._links.base + page._links.webui,
      })),
    );
    expect(rendered.html).toContain('<a href="https://testcontext/wiki/cf/display/SPACE/A+new+page+title">A new page title</a>');
    expect(rendered.html).toContain('<small>in Space Home › Project SPACE › Forthic › Forthic Framework › A parent title</small>');
  });

  it('pages with their current version', async () => {
    const { value, rendered } = await run('Confluence page versions');
    const search = fixtureJson('confluence_content_by_title_expand_version_forthic.json');
    const page = search.results[0];
    expect(value).toEqual([
      { title: page.title, type: page.type, version: page.version.number, editor: page.version.by.displayName, edited: page.version.when, url: search._links.base + page._links.webui },
    ]);
    expect(rendered.html).toContain('(version 3 by Test User, 2020-10-23 16:54)');
  });

  it('attachments with download links', async () => {
    const { value, rendered } = await run('Confluence attachments');
    const list = fixtureJson('confluence_attachment_list_confluence-publisher.json');
    expect(value).toEqual(
      (list.results as Json[]).map((attachment) => ({
        file: attachment.title,
        version: attachment.version.number,
        modified: attachment.version.when,
        download: list._links.base + attachment._links.download,
      })),
    );
    expect(htmlRows(rendered.html)[1]).toBe('file.txt|1|2019-04-19 13:39');
  });

  it('hostile titles and links stay inert', async () => {
    const search = fixtureJson('confluence_content_search_by_title_with_ancestors_forthic.json');
    search.results[0].title = '<img src=x onerror=alert(1)>';
    search.results[0].ancestors[0].title = '"><script>alert(2)</script>';
    search.results[0]._links.webui = 'javascript:alert(3)';
    const { value, rendered } = await run('Confluence pages with breadcrumbs', { json: JSON.stringify(search) });
    expect(value[0].url).toBeNull();
    expect(rendered.html).not.toContain('<img');
    expect(rendered.html).not.toContain('<script');
    expect(rendered.html).not.toContain('javascript:');
    expect(rendered.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('examples > Prometheus, HAL, JSON:API, Twitter', () => {
  it('Prometheus matrix pivoted for a line chart', async () => {
    const { value, rendered } = await run('Prometheus up over time');
    const series = fixtureJson('prometheus_api_v1_query_range_matrix_docs.json').data.result as Json[];
    const times = [...new Set(series.flatMap((entry) => entry.values.map((sample: Json) => sample[0] as number)))].sort();
    expect(value).toEqual(
      times.map((time) => {
        const row: Record<string, string> = { time: new Date(time * 1000).toISOString().slice(11, 19) };
        for (const entry of series) {
          const sample = entry.values.find((candidate: Json) => candidate[0] === time);
          if (sample) row[entry.metric.instance] = sample[1];
        }
        return row;
      }),
    );
    expect(rendered.charts[0]?.datasets).toEqual(series.map((entry) => ({ label: entry.metric.instance, data: entry.values.map((sample: Json) => Number(sample[1])) })));
    expect(rendered.warnings).toEqual([]);
  });

  it('Prometheus instant vector as horizontal bars', async () => {
    const { value, rendered } = await run('Prometheus up by instance');
    const series = fixtureJson('prometheus_api_v1_query_instant_vector_docs.json').data.result as Json[];
    expect(value).toEqual(series.map((entry) => ({ instance: entry.metric.instance, job: entry.metric.job, value: entry.value[1] })));
    expect(rendered.charts[0]).toMatchObject({
      type: 'bar',
      sourceType: 'BarChart',
      labels: series.map((entry) => entry.metric.instance),
      datasets: [{ label: 'value', data: series.map((entry) => Number(entry.value[1])) }],
      options: { horizontal: true, legendPosition: 'none' },
    });
  });

  it('HAL relations with spaces', async () => {
    const { value, rendered } = await run('HAL embedded products');
    const embedded = fixtureJson('hal_embedded_keys_with_spaces_spring-hateoas.json')._embedded as Record<string, Json[]>;
    expect(value).toEqual(
      Object.entries(embedded).flatMap(([relation, items]) => items.map((item) => ({ relation, product: item._links.self.href, someProductProperty: item.someProductProperty }))),
    );
    expect(rendered.tables[0]?.rows.filter((row) => row[0] === 'purchased products')).toHaveLength(7);
  });

  it('JSON:API articles joined with included authors', async () => {
    const { value, rendered } = await run('JSON:API articles');
    const document = fixtureJson('jsonapi_compound_document_complete.json');
    const people = new Map((document.included as Json[]).map((resource) => [`${resource.type}/${resource.id}`, resource.attributes.name]));
    expect(value).toEqual(
      (document.data as Json[]).map((article) => ({
        id: article.id,
        title: article.attributes.title,
        author: people.get(`${article.relationships.author.data.type}/${article.relationships.author.data.id}`),
        link: article.links.self,
      })),
    );
    expect(value.map((row: Json) => row.author)).toEqual(['John Doe', 'John Doe']);
    expect(rendered.tables[0]?.columns.map((column) => column.key)).toEqual(['id', 'title', 'author', 'link']);
  });

  it('Twitter ids keep the exact 64-bit cursor', async () => {
    const { value, rendered } = await run('Follower ids');
    const text = fixtureText('twitter_v1_ids_cursor_bigint.ANONYMIZED.json');
    const exactCursor = /"next_cursor":(\d+)/.exec(text)![1]!;
    expect(exactCursor).toBe('1305102810874389703');
    expect(String(JSON.parse(text).next_cursor)).not.toBe(exactCursor);
    expect(value).toEqual({ ids: JSON.parse(text).ids.map((id: number) => ({ id: String(id) })), nextCursor: exactCursor, hasMore: true });
    expect(rendered.html).toContain(`pass cursor=${exactCursor} for the next page`);
    expect(rendered.tables[0]?.rows).toEqual([['10000001'], ['10000002'], ['10000003']]);
  });

  it('Twitter Ads segments by day, stacked', async () => {
    const { value, rendered } = await run('Campaign impressions per day');
    const segments = fixtureJson('twitter_ads_campaign_stats_segmented.json').data as Json[];
    const days = segments[0].promoted_tweet_timeline_impressions.map((_: number, offset: number) => isoDay(new Date(Date.parse(segments[0].start_time) + offset * 86_400_000).toISOString()));
    expect(days).toEqual(['2013-07-07', '2013-07-08', '2013-07-09', '2013-07-10', '2013-07-11']);
    expect(value).toEqual(days.map((day: string, offset: number) => Object.fromEntries([['day', day], ...segments.map((segment) => [segment.segment.name, segment.promoted_tweet_timeline_impressions[offset]])])));
    expect(rendered.charts[0]).toMatchObject({
      type: 'line',
      sourceType: 'AreaChart',
      labels: days,
      datasets: segments.map((segment) => ({ label: segment.segment.name, data: segment.promoted_tweet_timeline_impressions, fill: true })),
      options: { stacked: true },
    });
  });
});
