// One adapter per entity kind over the generic resolver call, so lists and
// editors can be written once for all four kinds.

import type {
  DatasourceView,
  EntityByKind,
  EntityDraft,
  EntityKind,
  EntitySummary,
  SecretChanges,
} from '../../../../src/contract/entities';
import { call } from './client';

/** An entity as an editor loads it: the editable draft plus the version the draft is based on. */
export interface LoadedEntity<K extends EntityKind> {
  draft: EntityDraft<K>;
  version: number;
  updatedAt: string;
  updatedBy?: string;
  /** Datasource only: which secrets are stored. */
  secrets?: DatasourceView['secrets'];
}

export interface SaveOutcome {
  id: string;
  version: number;
  warnings: string[];
}

export interface EntityApi<K extends EntityKind> {
  list(): Promise<EntitySummary[]>;
  get(id: string): Promise<LoadedEntity<K>>;
  save(draft: EntityDraft<K>, baseVersion: number | undefined, secrets?: SecretChanges): Promise<SaveOutcome>;
  remove(id: string): Promise<void>;
}

/** Strips the fields the server manages, leaving what the editor may change. */
function toLoaded<K extends EntityKind>(entity: EntityByKind[K] & { secrets?: DatasourceView['secrets'] }): LoadedEntity<K> {
  const { version, updatedAt, updatedBy, schemaVersion: _schemaVersion, secrets, ...rest } = entity;
  const loaded: LoadedEntity<K> = { draft: rest as unknown as EntityDraft<K>, version, updatedAt };
  if (updatedBy !== undefined) loaded.updatedBy = updatedBy;
  if (secrets !== undefined) loaded.secrets = secrets;
  return loaded;
}

function withBase<T extends object>(payload: T, baseVersion: number | undefined): T & { baseVersion?: number } {
  return baseVersion === undefined ? payload : { ...payload, baseVersion };
}

const datasources: EntityApi<'datasource'> = {
  list: async () => (await call('datasources/list', {})).items,
  get: async (id) => toLoaded<'datasource'>(await call('datasources/get', { id })),
  async save(draft, baseVersion, secrets) {
    const payload = secrets && Object.keys(secrets).length > 0 ? { draft, secrets } : { draft };
    const result = await call('datasources/save', withBase(payload, baseVersion));
    return { ...result, warnings: [] };
  },
  remove: async (id) => void (await call('datasources/delete', { id })),
};

const queries: EntityApi<'query'> = {
  list: async () => (await call('queries/list', {})).items,
  get: async (id) => toLoaded<'query'>(await call('queries/get', { id })),
  save: async (draft, baseVersion) => call('queries/save', withBase({ draft }, baseVersion)),
  remove: async (id) => void (await call('queries/delete', { id })),
};

const converters: EntityApi<'converter'> = {
  list: async () => (await call('converters/list', {})).items,
  get: async (id) => toLoaded<'converter'>(await call('converters/get', { id })),
  async save(draft, baseVersion) {
    return { ...(await call('converters/save', withBase({ draft }, baseVersion))), warnings: [] };
  },
  remove: async (id) => void (await call('converters/delete', { id })),
};

const templates: EntityApi<'template'> = {
  list: async () => (await call('templates/list', {})).items,
  get: async (id) => toLoaded<'template'>(await call('templates/get', { id })),
  async save(draft, baseVersion) {
    return { ...(await call('templates/save', withBase({ draft }, baseVersion))), warnings: [] };
  },
  remove: async (id) => void (await call('templates/delete', { id })),
};

export const ENTITY_API: { [K in EntityKind]: EntityApi<K> } = {
  datasource: datasources,
  query: queries,
  converter: converters,
  template: templates,
};

export const KIND_LABEL: Record<EntityKind, { one: string; many: string }> = {
  datasource: { one: 'datasource', many: 'Datasources' },
  query: { one: 'query', many: 'Queries' },
  converter: { one: 'converter', many: 'Converters' },
  template: { one: 'template', many: 'Templates' },
};
