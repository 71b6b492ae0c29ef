import type { MacroQuerySummary } from '../../../../src/contract/resolvers';

/** Queries as `macro/queries` returns them, with one parameter of every input kind. */
export const QUERIES: MacroQuerySummary[] = [
  {
    id: 'q-versions',
    name: 'Sling versions',
    description: 'Versions of an Apache project from Jira',
    parameters: [
      { name: 'project', type: 'string', required: true, description: 'Jira project key', viewerEditable: false },
      { name: 'limit', type: 'integer', default: '50', required: false, description: 'Maximum rows', viewerEditable: true },
      { name: 'since', type: 'date', required: false, description: 'Released on or after', viewerEditable: true },
      { name: 'state', type: 'enum', options: ['released', 'unreleased', 'archived'], default: 'released', required: false, description: 'Version state', viewerEditable: true },
      { name: 'ratio', type: 'number', required: false, description: 'Sampling ratio', viewerEditable: false },
    ],
  },
  { id: 'q-issues', name: 'Open issues', description: 'Jira issues by status', parameters: [] },
  { id: 'q-stars', name: 'GitHub stars', description: 'Stargazers per repository', parameters: [] },
];
