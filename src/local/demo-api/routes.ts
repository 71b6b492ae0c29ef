// Routes of the demo Jira API. Each serves a real published Jira response;
// searches filter and page it the way Jira would for the demo's JQL.

import type { DemoFixtures, JiraIssue, SearchResponseV2 } from './fixtures';
import { isDone, parseJql } from './jql';

export interface DemoResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function routeDemoRequest(method: string, url: URL, fixtures: DemoFixtures): DemoResponse {
  if (method !== 'GET') return { status: 405, body: jiraError(`Method ${method} is not allowed here.`), headers: { allow: 'GET' } };
  const path = url.pathname.replace(/\/+$/, '');

  if (path === '/rest/api/2/serverInfo') return ok(fixtures.serverInfo);
  if (path === '/rest/api/2/project') return ok(fixtures.projects);
  if (path === '/rest/api/2/search') return searchV2(url.searchParams, fixtures);
  if (path === '/rest/api/3/search/jql') return searchJql(url.searchParams, fixtures);
  if (path === '/rest/agile/1.0/board') return ok(fixtures.boards);
  if (path === '/rest/greenhopper/1.0/rapid/charts/velocity') return ok(fixtures.velocity);
  if (path === '/api/v1/query_range') return prometheusRange(url.searchParams, fixtures);

  let match = /^\/rest\/api\/2\/project\/([^/]+)\/versions$/.exec(path);
  if (match?.[1]) {
    const key = decodeURIComponent(match[1]).toUpperCase();
    const versions = fixtures.versionsByProject.get(key);
    return versions ? ok(versions) : { status: 404, body: jiraError(`No project could be found with key '${key}'.`) };
  }

  match = /^\/rest\/agile\/1\.0\/board\/(\d+)\/sprint$/.exec(path);
  if (match?.[1]) {
    const boardId = Number(match[1]);
    if (!fixtures.boards.values.some((board) => board.id === boardId)) {
      return { status: 404, body: jiraError(`Board ${boardId} does not exist or you do not have permission to see it.`) };
    }
    return ok(fixtures.sprints);
  }

  match = /^\/rest\/api\/2\/issue\/([^/]+)$/.exec(path);
  if (match?.[1]) {
    const key = decodeURIComponent(match[1]).toUpperCase();
    const issue = [...fixtures.searchByProject.values()].flatMap((search) => search.issues).find((candidate) => candidate.key === key);
    return issue ? ok(issue) : { status: 404, body: fixtures.issueNotFound };
  }

  match = /^\/rest\/agile\/1\.0\/sprint\/(\d+)\/issue$/.exec(path);
  if (match) return ok(fixtures.sprintIssues);

  return { status: 404, body: jiraError(`No resource at ${path} in the demo API.`) };
}

function searchV2(params: URLSearchParams, fixtures: DemoFixtures): DemoResponse {
  // Jira rejects unknown fields in `fields`; the demo knows only the one its recorded error names.
  if ((params.get('fields') ?? '').split(',').includes('invalid')) return { status: 400, body: fixtures.fieldError };

  const filter = parseJql(params.get('jql') ?? '');
  const startAt = nonNegative(params.get('startAt'), 0);
  const maxResults = Math.min(nonNegative(params.get('maxResults'), 50), 1000);

  const keys = filter.projects.length > 0 ? filter.projects : [...fixtures.searchByProject.keys()];
  const sources = keys.map((key) => fixtures.searchByProject.get(key)).filter((source): source is SearchResponseV2 => source !== undefined);

  let issues: JiraIssue[] = sources.flatMap((source) => source.issues);
  if (filter.openOnly) issues = issues.filter((issue) => !isDone(issue.fields?.status?.name));

  const page = issues.slice(startAt, startAt + maxResults);
  return ok({
    expand: sources[0]?.expand ?? 'schema,names',
    startAt,
    maxResults,
    total: issues.length,
    isLast: startAt + page.length >= issues.length,
    issues: page,
  });
}

// Jira Cloud's token-paged search. The two real pages are served as recorded;
// a maxResults large enough for both returns them joined, as Jira would.
function searchJql(params: URLSearchParams, fixtures: DemoFixtures): DemoResponse {
  const [first, second] = fixtures.searchJqlPages;
  const maxResults = nonNegative(params.get('maxResults'), 50);
  const token = params.get('nextPageToken');

  if (token === first.nextPageToken) return ok(second);
  if (token) return { status: 400, body: jiraError(`The nextPageToken '${token}' is invalid or expired.`) };
  if (maxResults >= first.issues.length + second.issues.length) {
    return ok({ isLast: true, issues: [...first.issues, ...second.issues] });
  }
  return ok(first);
}

// The recorded response is for the query `up`. Another query matches no
// series, for which Prometheus returns an empty matrix.
function prometheusRange(params: URLSearchParams, fixtures: DemoFixtures): DemoResponse {
  if ((params.get('query') ?? '').trim() === 'up') return ok(fixtures.prometheusRange);
  return ok({ status: 'success', data: { resultType: 'matrix', result: [] } });
}

function ok(body: unknown): DemoResponse {
  return { status: 200, body };
}

export function jiraError(message: string): unknown {
  return { errorMessages: [message], errors: {} };
}

function nonNegative(text: string | null, fallback: number): number {
  const value = Number(text);
  return text !== null && Number.isInteger(value) && value >= 0 ? value : fallback;
}
