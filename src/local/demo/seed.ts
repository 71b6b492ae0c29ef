// Seeds the demo on first start (and on --reset): datasources on the demo API
// with token auth, the converters and templates of examples/ plus the demo's
// own, the queries, and the demo pages with macros that use them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Datasource, EntityDraft, MacroConfig, Query, SecretChanges } from '../../contract/entities';
import type { PageMacro, PageStore } from '../confluence/page-store';
import { ADMIN_USER } from '../confluence/users';
import { DEMO_SPACE, OPS_SPACE } from '../confluence/site';
import { FIXTURES_DIR } from '../demo-api/fixtures';
import { DEMO_CONVERTERS, DEMO_TEMPLATES } from './content';
import { loadExamples, requireExample, type Example } from './examples';

/** Saves entities as an admin would; implemented on the shared EntityRepository. */
export interface DemoWriter {
  save<K extends 'datasource' | 'query' | 'converter' | 'template'>(kind: K, draft: EntityDraft<K>, secrets?: SecretChanges): Promise<string>;
}

export interface DemoSeedInput {
  writer: DemoWriter;
  pages: PageStore;
  /** `https://127.0.0.1:<port>` of the demo API. */
  demoApiOrigin: string;
  /** Tokens of the main datasource, of the one whose token expires soon, and of the Prometheus one. */
  tokens: { main: string; expiring: string; metrics: string };
  /** Today, for the expiring token's date. */
  now: Date;
}

export const DEMO_PAGE_ID = '1001';
export const SECOND_PAGE_ID = '1002';
export const RESTRICTED_PAGE_ID = '1003';
export const OPS_PAGE_ID = '2001';
export const MAIN_DATASOURCE_NAME = 'Demo Jira';
export const EXPIRING_DATASOURCE_NAME = 'Demo Jira Agile (token expiring soon)';
export const METRICS_DATASOURCE_NAME = 'Demo Prometheus';

/** Sample inputs above this size are left out of the converter record, which must stay under the store's 240 KiB. */
const MAX_SAMPLE_INPUT_BYTES = 100 * 1024;

/** Days until the expiring token's date: inside the 14-day warning window. */
const EXPIRING_TOKEN_DAYS = 10;

export interface SeededDemo {
  datasourceIds: { main: string; expiring: string; metrics: string };
  queryIds: Record<keyof typeof DEMO_QUERY_NAMES, string>;
}

const DEMO_QUERY_NAMES = {
  openIssues: 'Open issues of a project',
  issuesPerType: 'Issues per issue type',
  projects: 'All Jira projects',
  sprints: 'Sprints of a board',
  velocity: 'Sprint velocity of a board',
  versionsPerYear: 'Released versions per year',
  openIssuesCustom: 'Open issues, custom template',
  prometheusUp: 'Prometheus up over time',
} as const;

export async function seedDemo(input: DemoSeedInput): Promise<SeededDemo> {
  const { writer } = input;

  const main = await writer.save('datasource', datasourceDraft(MAIN_DATASOURCE_NAME, input.demoApiOrigin, {
    description: 'The bundled demo Jira API on this machine, over https with a bearer token.',
  }), { token: input.tokens.main });

  const expiresAt = new Date(input.now.getTime() + EXPIRING_TOKEN_DAYS * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const expiring = await writer.save('datasource', datasourceDraft(EXPIRING_DATASOURCE_NAME, input.demoApiOrigin, {
    description: `The same demo API with a second token that expires on ${expiresAt}, to show the expiry warning.`,
    expiresAt,
  }), { token: input.tokens.expiring });

  const metrics = await writer.save('datasource', {
    ...datasourceDraft(METRICS_DATASOURCE_NAME, input.demoApiOrigin, { description: 'Prometheus query API responses served by the demo API, with its own bearer token.' }),
    testPath: '/api/v1/query_range?query=up',
  }, { token: input.tokens.metrics });

  const converters: Record<string, string> = {};
  for (const [key, { fixture, ...draft }] of Object.entries(DEMO_CONVERTERS)) {
    converters[key] = await writer.save('converter', { ...draft, sampleInput: sampleInput(fixture) });
  }
  const templates: Record<string, string> = {};
  for (const [key, draft] of Object.entries(DEMO_TEMPLATES)) {
    templates[key] = await writer.save('template', draft);
  }

  const examples = loadExamples();
  const saveExample = async (converterPath: string): Promise<{ converterId: string; templateId?: string }> => {
    const example = requireExample(examples, converterPath);
    const converterId = await writer.save('converter', {
      kind: 'converter',
      name: example.name,
      description: `${example.description} (from examples/${example.converterPath})`,
      source: example.converterSource,
      sampleInput: sampleInput(example.fixture),
    });
    const templateId = example.templateSource === undefined ? undefined : await writer.save('template', templateDraft(example));
    return templateId === undefined ? { converterId } : { converterId, templateId };
  };
  const issueTypes = await saveExample('converters/jira-issue-type-counts.js');
  const openIssues = await saveExample('converters/jira-open-issues.js');
  const projectList = await saveExample('converters/jira-project-list.js');
  const prometheus = await saveExample('converters/prometheus-matrix-pivot.js');

  const query = (draft: Omit<EntityDraft<'query'>, 'kind' | 'method' | 'spaces'> & Partial<Pick<Query, 'method' | 'spaces'>>): Promise<string> =>
    writer.save('query', { kind: 'query', method: 'GET', spaces: [], ...draft });

  const queryIds = {
    openIssues: await query({
      name: DEMO_QUERY_NAMES.openIssues,
      description: 'Issues of one project whose status is not done, newest first.',
      datasourceId: main,
      url: '/rest/api/2/search?jql=project%3D:project%20AND%20statusCategory%20!%3D%20Done%20ORDER%20BY%20created%20DESC&maxResults=100',
      parameters: [
        { name: 'project', type: 'string', default: 'SAMPLEPROJECT', required: true, description: 'Jira project key, e.g. SAMPLEPROJECT or SLING.', viewerEditable: true },
      ],
      converterId: openIssues.converterId,
      cacheDuration: '5m',
    }),
    issuesPerType: await query({
      name: DEMO_QUERY_NAMES.issuesPerType,
      description: 'Issues of project TEST counted by issue type (Jira Cloud search with page tokens).',
      datasourceId: main,
      url: '/rest/api/3/search/jql?jql=project%3DTEST&fields=issuetype,status,summary&maxResults=50',
      parameters: [],
      converterId: issueTypes.converterId,
      templateId: issueTypes.templateId,
      cacheDuration: '5m',
    }),
    projects: await query({
      name: DEMO_QUERY_NAMES.projects,
      description: 'Every project of the Apache Software Foundation Jira (567 rows).',
      datasourceId: main,
      url: '/rest/api/2/project',
      parameters: [],
      converterId: projectList.converterId,
      cacheDuration: '1h',
    }),
    sprints: await query({
      name: DEMO_QUERY_NAMES.sprints,
      description: 'Sprints of a Jira Agile board.',
      datasourceId: expiring,
      url: '/rest/agile/1.0/board/:boardId/sprint',
      parameters: [{ name: 'boardId', type: 'integer', default: '4', required: true, description: 'Id of the Jira Agile board.', viewerEditable: false }],
      converterId: converters.sprints,
      cacheDuration: '15m',
    }),
    velocity: await query({
      name: DEMO_QUERY_NAMES.velocity,
      description: 'Committed and completed story points of the last sprints.',
      datasourceId: expiring,
      url: '/rest/greenhopper/1.0/rapid/charts/velocity?rapidViewId=:boardId',
      parameters: [{ name: 'boardId', type: 'integer', default: '4', required: true, description: 'Id of the Jira Agile board.', viewerEditable: false }],
      converterId: converters.velocity,
      templateId: templates.velocityChart,
      cacheDuration: '15m',
    }),
    versionsPerYear: await query({
      name: DEMO_QUERY_NAMES.versionsPerYear,
      description: 'How many versions a project released each year.',
      datasourceId: main,
      url: '/rest/api/2/project/:project/versions',
      parameters: [{ name: 'project', type: 'string', default: 'SLING', required: true, description: 'Jira project key.', viewerEditable: false }],
      converterId: converters.versionsPerYear,
      templateId: templates.versionsChart,
      cacheDuration: '1h',
    }),
    openIssuesCustom: await query({
      name: DEMO_QUERY_NAMES.openIssuesCustom,
      description: 'Open issues of a project rendered by a Velocity template instead of the default table. Allowed in the DEMO space only.',
      datasourceId: main,
      url: '/rest/api/2/search?jql=project%3D:project%20AND%20statusCategory%20!%3D%20Done&maxResults=100',
      parameters: [{ name: 'project', type: 'string', default: 'SAMPLEPROJECT', required: true, description: 'Jira project key.', viewerEditable: false }],
      converterId: openIssues.converterId,
      templateId: openIssues.templateId,
      cacheDuration: '5m',
      spaces: [DEMO_SPACE.key],
    }),
    prometheusUp: await query({
      name: DEMO_QUERY_NAMES.prometheusUp,
      description: 'The up metric of two scrape targets over time.',
      datasourceId: metrics,
      url: '/api/v1/query_range?query=up',
      parameters: [],
      converterId: prometheus.converterId,
      templateId: prometheus.templateId,
      cacheDuration: '1m',
    }),
  };

  seedPages(input.pages, queryIds);
  return { datasourceIds: { main, expiring, metrics }, queryIds };
}

function templateDraft(example: Example): EntityDraft<'template'> {
  return {
    kind: 'template',
    name: example.name,
    description: `${example.description} (from examples/${example.templatePath})`,
    source: example.templateSource ?? '',
  };
}

/** Reads the fixture as a converter's sample input; returns empty text when it is too large to store with the converter. */
function sampleInput(fixture: string): string {
  const text = readFileSync(join(FIXTURES_DIR, fixture), 'utf8');
  return Buffer.byteLength(text) <= MAX_SAMPLE_INPUT_BYTES ? text : '';
}

function datasourceDraft(name: string, origin: string, options: { description: string; expiresAt?: string }): EntityDraft<'datasource'> {
  const auth: Datasource['auth'] = { kind: 'token', placement: 'bearer' };
  if (options.expiresAt) auth.expiresAt = options.expiresAt;
  return {
    kind: 'datasource',
    name,
    description: options.description,
    baseUrl: origin,
    auth,
    headers: { Accept: 'application/json' },
    allowedHosts: [],
    testPath: '/rest/api/2/serverInfo',
    timeoutMs: 10_000,
    maxResponseBytes: 2 * 1024 * 1024,
    allowInsecureHttp: false,
  };
}

function macro(localId: string, heading: string, intro: string, queryId: string, parameters: Record<string, string> = {}): PageMacro {
  const config: MacroConfig = { queryId, parameters };
  return { localId, heading, intro, config };
}

function seedPages(pages: PageStore, ids: SeededDemo['queryIds']): void {
  pages.put({
    id: DEMO_PAGE_ID,
    spaceKey: DEMO_SPACE.key,
    title: 'Team dashboard',
    document: {
      intro: 'Live data from the demo Jira API. Each section below is one REST data macro; switch the user or the theme at the top, or press Edit to change a macro.',
      macros: [
        macro('demo-issues-per-type', 'Issues per issue type', 'A column chart from a Jira Cloud search.', ids.issuesPerType),
        macro('demo-open-issues', 'Open issues', 'A sortable table; viewers may change the project.', ids.openIssues, { project: 'SAMPLEPROJECT' }),
        macro('demo-sprints', 'Sprints', 'This datasource\u2019s token expires soon, so the macro shows a warning.', ids.sprints, { boardId: '4' }),
        macro('demo-velocity', 'Velocity', 'Committed against completed story points.', ids.velocity, { boardId: '4' }),
        macro('demo-projects', 'All projects', 'Hundreds of rows, paged.', ids.projects),
      ],
    },
  });
  pages.put({
    id: SECOND_PAGE_ID,
    spaceKey: DEMO_SPACE.key,
    title: 'More examples',
    document: {
      intro: 'A line chart from the Apache Sling versions, the dashboard\u2019s open-issues query with another project, a Velocity template of its own, and a Prometheus range query.',
      macros: [
        macro('sling-versions', 'Released versions per year', 'From GET /rest/api/2/project/SLING/versions.', ids.versionsPerYear, { project: 'SLING' }),
        macro('sling-open', 'Open SLING issues', 'The same query as on the dashboard with another project.', ids.openIssues, { project: 'SLING' }),
        macro('custom-template', 'Open issues, custom template', 'The template builds its own HTML table and formats the dates.', ids.openIssuesCustom, { project: 'SAMPLEPROJECT' }),
        macro('prometheus-up', 'Prometheus: up', 'A range query pivoted into one row per timestamp.', ids.prometheusUp),
      ],
    },
  });
  pages.put({
    id: RESTRICTED_PAGE_ID,
    spaceKey: DEMO_SPACE.key,
    title: 'Admin notes',
    document: {
      intro: 'Only Ada Admin may view this page. Victor Viewer gets "page not found", and a macro run he forges with this page id is refused.',
      restrictedTo: [ADMIN_USER.accountId],
      macros: [macro('restricted-projects', 'All projects', 'The same query as on the dashboard.', ids.projects)],
    },
  });
  pages.put({
    id: OPS_PAGE_ID,
    spaceKey: OPS_SPACE.key,
    title: 'Operations notes',
    document: {
      intro: 'A page in the OPS space. The first macro uses a query allowed in every space; the second uses one an admin limited to the DEMO space, so it shows why it cannot run here.',
      macros: [
        macro('ops-prometheus', 'Prometheus: up', 'Allowed in every space.', ids.prometheusUp),
        macro('ops-custom-template', 'Open issues, custom template', 'Limited to the DEMO space.', ids.openIssuesCustom, { project: 'SAMPLEPROJECT' }),
      ],
    },
  });
}
