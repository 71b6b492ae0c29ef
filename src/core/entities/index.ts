// Entities: the four kinds an admin edits (datasource, query, converter,
// template), their schemas, checks, migration and the repository that stores
// them with secrets split off.

export { EntityRepository } from './repository';
export type { EntityReference, RepositoryDeps, SaveOptions, SaveOutcome, SourceChecker, SourceCheckResult } from './repository';
export { checkShape } from './shape';
export type { Problem } from './shape';
export { checkDatasource, checkQuery, checkSecretChanges } from './checks';
export type { CheckReport } from './checks';
export { CURRENT_SCHEMA_VERSION, migrateOnRead } from './migrate';
export type { StoredEntity } from './migrate';
export { DEFAULTS, DRAFT_SCHEMAS, ID_PATTERN, LIMITS } from './schemas';
export { SECRET_NAMES, secretKey, secretNeededBy } from './secret-keys';
