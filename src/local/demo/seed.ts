// Seeds the demo on first start (and on --reset): two datasources on the demo
// API with token auth, the converters, templates and queries, and the demo
// pages with macros that use them.

import type { Datasource, EntityDraft, MacroConfig, Query, SecretChanges } from '../../contract/entities';
import type { PageMacro, PageStore } from '../confluence/page-store';
import { DEMO_SPACE } from '../confluence/site';
import { DEMO_CONVERTERS, DEMO_TEMPLATES } from './content';

/** Saves entities as an admin would; implemented on the shared EntityRepository. */
export interface DemoWriter {
  save<K extends 'datasource' | 'query' | 'converter' | 'template'>(kind: K, draft: EntityDraft<K>, secrets?: SecretChanges): Promise<string>;
}

export interface DemoSeedInput {
  writer: DemoWriter;
  pages: PageStore;
  /** `https://127.0.0.1:<port>` of the demo API. */
  demoApiOrigin: string;
  /** Token of the main datasource and of the one whose token expires soon. */
  tokens: { main: string; expiring: string };
  /** Today, for the expiring token's date. */
  now: Date;
}

export const DEMO_PAGE_ID = '1001';
export const SECOND_PAGE_ID = '1002';
export const MAIN_DATASOURCE_NAME = 'Demo Jira';
export const EXPIRING_DATASOURCE_NAME = 'Demo Jira Agile (token expiring soon)';

/** Days until the expiring token's date: inside the 14-day warning window. */
const EXPIRING_TOKEN_DAYS = 10;

export interface SeededDemo {
  datasourceIds: { main: string; expiring: string };
  queryIds: Record<keyof typeof DEMO_QUERY_NAMES, string>;
}

const DEMO_QUERY_NAMES = {
  openIssues: 'Open issues of a project',
  issuesPerType: 'Issues per issue type',
  projects: 'All Jira projects',
  sprints: 'Sprints of a board',
  velocity: 'Sprint velocity of a board',
  versionsPerYear: 'Released versions per year',
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

  const converters: Record<string, string> = {};
  for (const [key, draft] of Object.entries(DEMO_CONVERTERS)) {
    converters[key] = await writer.save('converter', { ...draft, sampleInput: draft.sampleInput });
  }
  const templates: Record<string, string> = {};
  for (const [key, draft] of Object.entries(DEMO_TEMPLATES)) {
    templates[key] = await writer.save('template', draft);
  }

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
      converterId: converters.issues,
      cacheDuration: '5m',
    }),
    issuesPerType: await query({
      name: DEMO_QUERY_NAMES.issuesPerType,
      description: 'Issues of project TEST counted by issue type (Jira Cloud search with page tokens).',
      datasourceId: main,
      url: '/rest/api/3/search/jql?jql=project%3DTEST&fields=issuetype,status,summary&maxResults=50',
      parameters: [],
      converterId: converters.issuesPerType,
      templateId: templates.issuesPerTypeChart,
      cacheDuration: '5m',
    }),
    projects: await query({
      name: DEMO_QUERY_NAMES.projects,
      description: 'Every project of the Apache Software Foundation Jira (567 rows).',
      datasourceId: main,
      url: '/rest/api/2/project',
      parameters: [],
      converterId: converters.projects,
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
  };

  seedPages(input.pages, queryIds);
  return { datasourceIds: { main, expiring }, queryIds };
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
    title: 'Apache Sling releases',
    document: {
      intro: 'Real responses of the Apache Software Foundation Jira for the SLING project.',
      macros: [
        macro('sling-versions', 'Released versions per year', 'From GET /rest/api/2/project/SLING/versions.', ids.versionsPerYear, { project: 'SLING' }),
        macro('sling-open', 'Open SLING issues', 'The same query as on the dashboard with another project.', ids.openIssues, { project: 'SLING' }),
      ],
    },
  });
}
