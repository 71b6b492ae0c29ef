// Entity drafts for resolver tests.

import type { EntityDraft, ParameterDefinition } from '../../src/contract/entities';

export function sampleDatasourceDraft(baseUrl: string, overrides: Partial<EntityDraft<'datasource'>> = {}): EntityDraft<'datasource'> {
  return {
    kind: 'datasource',
    name: 'Issue tracker',
    description: 'Test REST API',
    baseUrl,
    auth: { kind: 'token', placement: 'bearer' },
    headers: {},
    allowedHosts: [],
    testPath: '/rest/api/2/serverInfo',
    timeoutMs: 5000,
    maxResponseBytes: 5 * 1024 * 1024,
    allowInsecureHttp: false,
    ...overrides,
  };
}

export function parameter(name: string, overrides: Partial<ParameterDefinition> = {}): ParameterDefinition {
  return { name, type: 'string', required: false, description: '', viewerEditable: false, ...overrides };
}

export function sampleQueryDraft(datasourceId: string, overrides: Partial<EntityDraft<'query'>> = {}): EntityDraft<'query'> {
  return {
    kind: 'query',
    name: 'Open issues',
    description: 'Issues of one project',
    datasourceId,
    method: 'GET',
    url: '/rest/api/2/search?jql=project%3D:project',
    parameters: [parameter('project', { default: 'SLING', required: true })],
    cacheDuration: '0',
    spaces: [],
    ...overrides,
  };
}

export function sampleConverterDraft(source = 'function convert(json) { return JSON.parse(json).issues.map(function (issue) { return { key: issue.key, summary: issue.fields.summary }; }); }'): EntityDraft<'converter'> {
  return { kind: 'converter', name: 'Issues to rows', description: '', source, sampleInput: '{"issues":[]}' };
}

export function sampleTemplateDraft(source = '#foreach($row in $result)<p>$row.key</p>#end'): EntityDraft<'template'> {
  return { kind: 'template', name: 'Issue keys', description: '', source };
}
