// The real Jira (and one Prometheus) responses the demo API serves, read from test/fixtures (see
// PROVENANCE.md there for where each was published). Loaded once and never
// changed: routes filter and page copies.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../options';

export const FIXTURES_DIR = join(PROJECT_ROOT, 'test/fixtures');

export interface JiraIssue {
  key: string;
  fields?: { status?: { name?: string; statusCategory?: { key?: string } }; project?: { key?: string }; [field: string]: unknown };
  [key: string]: unknown;
}

export interface SearchResponseV2 {
  expand?: string;
  startAt: number;
  maxResults: number;
  total: number;
  isLast?: boolean;
  issues: JiraIssue[];
}

export interface SearchPageV3 {
  isLast: boolean;
  nextPageToken?: string;
  issues: JiraIssue[];
}

export interface DemoFixtures {
  serverInfo: unknown;
  /** Issues by project key, each list from one real search response. */
  searchByProject: Map<string, SearchResponseV2>;
  /** The two pages of a Jira Cloud /rest/api/3/search/jql result. */
  searchJqlPages: [SearchPageV3, SearchPageV3];
  projects: { key: string; [field: string]: unknown }[];
  versionsByProject: Map<string, unknown[]>;
  boards: { values: { id: number }[]; [field: string]: unknown };
  sprints: unknown;
  sprintIssues: unknown;
  velocity: unknown;
  prometheusRange: unknown;
  /** Jira's body for an issue that does not exist or is hidden. */
  issueNotFound: unknown;
  /** Jira's body for a request naming an invalid field. */
  fieldError: unknown;
}

function read<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8')) as T;
}

export function loadDemoFixtures(): DemoFixtures {
  const sample = read<SearchResponseV2>('jira_v2_search_server_11issues_jira-ruby.json');
  const sling = read<SearchResponseV2>('jira_v2_search_apache_sling_fields_summary.json');

  return {
    serverInfo: read('jira_serverinfo_cloud_jira-cli.json'),
    // The Sling response asked only for summary, status and resolution, so its
    // issues carry no project field; the key prefix names the project.
    searchByProject: new Map([
      ['SAMPLEPROJECT', sample],
      ['SLING', sling],
    ]),
    searchJqlPages: [read('jira_v3_searchjql_token_page1_jira-cli.json'), read('jira_v3_searchjql_token_page2_last_jira-cli.json')],
    projects: read('jira_v2_project_list_apache_567projects.json'),
    versionsByProject: new Map([['SLING', read<unknown[]>('jira_v2_project_versions_apache_sling_201.json')]]),
    boards: read('jira_agile_board_list_go-jira.json'),
    sprints: read('jira_agile_sprint_list_go-jira.json'),
    sprintIssues: read('jira_agile_issues_in_sprint_go-jira.ANONYMIZED.json'),
    velocity: read('jira_greenhopper_velocity_report_agile-metrics.json'),
    prometheusRange: read('prometheus_api_v1_query_range_matrix_docs.json'),
    issueNotFound: read('jira_error_404_issue_not_found_go-jira.json'),
    fieldError: read('jira_error_400_field_errors_jira-ruby.json'),
  };
}
