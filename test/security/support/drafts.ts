// Entity drafts for the security suite, valid unless a test overrides a field.

import type { EntityDraft, ParameterDefinition } from '../../../src/contract/entities';

export function datasourceDraft(baseUrl: string, overrides: Partial<EntityDraft<'datasource'>> = {}): EntityDraft<'datasource'> {
  return {
    kind: 'datasource',
    name: `Datasource ${globalThis.crypto.randomUUID().slice(0, 8)}`,
    description: 'Security suite datasource',
    baseUrl,
    auth: { kind: 'token', placement: 'bearer' },
    headers: {},
    allowedHosts: [],
    testPath: '/',
    timeoutMs: 2000,
    maxResponseBytes: 1024 * 1024,
    allowInsecureHttp: false,
    ...overrides,
  };
}

export function parameter(name: string, overrides: Partial<ParameterDefinition> = {}): ParameterDefinition {
  return { name, type: 'string', required: false, description: '', viewerEditable: false, ...overrides };
}

export function queryDraft(datasourceId: string, overrides: Partial<EntityDraft<'query'>> = {}): EntityDraft<'query'> {
  return {
    kind: 'query',
    name: `Query ${globalThis.crypto.randomUUID().slice(0, 8)}`,
    description: 'Security suite query',
    datasourceId,
    method: 'GET',
    url: '/',
    parameters: [],
    cacheDuration: '0',
    spaces: [],
    ...overrides,
  };
}

export function converterDraft(source: string, overrides: Partial<EntityDraft<'converter'>> = {}): EntityDraft<'converter'> {
  return { kind: 'converter', name: `Converter ${globalThis.crypto.randomUUID().slice(0, 8)}`, description: '', source, sampleInput: '{}', ...overrides };
}

export function templateDraft(source: string, overrides: Partial<EntityDraft<'template'>> = {}): EntityDraft<'template'> {
  return { kind: 'template', name: `Template ${globalThis.crypto.randomUUID().slice(0, 8)}`, description: '', source, ...overrides };
}
