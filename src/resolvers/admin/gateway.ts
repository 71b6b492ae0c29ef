// The entity operations the resolvers need, in one place. It delegates to
// the core entity repository, which validates records, splits secrets off
// datasources and enforces versions. The import planner sees only this
// narrower interface.

import type {
  Converter,
  Datasource,
  DatasourceView,
  EntityByKind,
  EntityDraft,
  EntityKind,
  EntitySummary,
  Query,
  SecretChanges,
  Template,
} from '../../contract/entities';
import type { SaveResult } from '../../contract/resolvers';
import { EntityRepository, checkDatasource, checkQuery, checkShape } from '../../core/entities';
import type { ResolverDeps } from '../deps';

export interface SaveRequest<K extends EntityKind> {
  draft: EntityDraft<K>;
  baseVersion?: number;
  updatedBy?: string;
  secrets?: SecretChanges;
}

export interface EntityGateway {
  listEntities<K extends EntityKind>(kind: K): Promise<EntityByKind[K][]>;
  listSummaries(kind: EntityKind): Promise<EntitySummary[]>;
  /** Throws ENTITY_NOT_FOUND. */
  get<K extends EntityKind>(kind: K, id: string): Promise<EntityByKind[K]>;
  getDatasourceView(id: string): Promise<DatasourceView>;
  save<K extends EntityKind>(kind: K, request: SaveRequest<K>): Promise<SaveResult & { warnings: string[] }>;
  /** Throws ENTITY_NOT_FOUND, or IN_USE with the referencing entities. */
  delete(kind: EntityKind, id: string): Promise<void>;
  /** Checks a draft against the entity schema without saving it. */
  validateDraft(kind: EntityKind, draft: unknown): { field: string; message: string }[];
}

export type { Converter, Datasource, Query, Template };

export function entityGateway(deps: ResolverDeps): EntityGateway {
  const repository = new EntityRepository({ store: deps.store, secrets: deps.secrets, clock: deps.clock, network: deps.network });
  return {
    listEntities: (kind) => repository.listEntities(kind),
    listSummaries: (kind) => repository.list(kind),
    get: (kind, id) => repository.get(kind, id),
    getDatasourceView: (id) => repository.getDatasourceView(id),
    save: (kind, request) =>
      repository.save(kind, request.draft, { baseVersion: request.baseVersion, secrets: request.secrets, accountId: request.updatedBy }),
    delete: (kind, id) => repository.delete(kind, id),
    validateDraft: (kind, draft) => draftProblems(kind, draft, deps.network),
  };
}

// The same field rules a save applies, short of references and unique names,
// so an import plan never shows as valid what the save would then refuse.
function draftProblems(kind: EntityKind, draft: unknown, network: ResolverDeps['network']): { field: string; message: string }[] {
  const { value, problems } = checkShape(kind, draft);
  if (problems.length > 0) return problems;
  if (kind === 'datasource') return checkDatasource(value as unknown as Datasource, network).problems;
  if (kind === 'query') return checkQuery(value as unknown as Query).problems;
  return [];
}
