// Reading and saving the four entity kinds. Every save is validated, migrated
// records come back at the current schema, versions are checked optimistically
// and datasource secrets are split off into the SecretStore. A failed save
// writes nothing.

import type {
  Datasource,
  DatasourceView,
  Entity,
  EntityByKind,
  EntityKind,
  EntitySummary,
  SecretChanges,
  SecretName,
} from '../../contract/entities';
import { AppError, isAppError } from '../../errors/app-error';
import type { NetworkPolicy } from '../http/types';
import type { Clock } from '../ports';
import { utf8Length } from '../store/memory-store';
import type { SecretStore, Store } from '../store/types';
import { checkDatasource, checkName, checkQuery, checkSecretChanges, type CheckReport } from './checks';
import { CURRENT_SCHEMA_VERSION, migrateOnRead, type StoredEntity } from './migrate';
import { NameClaims, normalizeName } from './name-claims';
import { SECRET_NAMES, secretKey, secretNeededBy } from './secret-keys';
import { checkShape, type Problem } from './shape';

export interface RepositoryDeps {
  store: Store;
  secrets: SecretStore;
  clock: Clock;
  /** When given, a datasource save also checks its base URL against the deployment's network rules. */
  network?: NetworkPolicy;
  /** Generates ids for new entities; defaults to random UUIDs. */
  newId?: () => string;
  /**
   * Syntax checks for converter and template sources, run on save. The
   * converter runtime and the template engine provide them; without one, a
   * syntax error shows only when the source first runs.
   */
  sourceCheckers?: Partial<Record<'converter' | 'template', SourceChecker>>;
}

export type SourceCheckResult = { ok: true } | { ok: false; message: string; line?: number; column?: number };

export type SourceChecker = (source: string) => Promise<SourceCheckResult>;

export interface SaveOptions {
  /** The version the editor loaded; required to update an existing entity. */
  baseVersion?: number;
  /** Datasource only: a string replaces a secret, `null` deletes it, a missing key keeps it. */
  secrets?: SecretChanges;
  /** Recorded as `updatedBy`. */
  accountId?: string;
}

export interface SaveOutcome {
  id: string;
  version: number;
  /** Things that will still work but deserve the admin's attention. */
  warnings: string[];
}

export type EntityReference = { kind: EntityKind; id: string; name: string };

/** A store record must leave room for the store's own bookkeeping. */
const RECORD_OVERHEAD_BYTES = 1024;

/** The field to shorten when a record is too large to store. */
const LARGEST_FIELD: Record<EntityKind, string> = { datasource: 'headers', query: 'body', converter: 'sampleInput', template: 'source' };

export class EntityRepository {
  private readonly store: Store;
  private readonly secrets: SecretStore;
  private readonly clock: Clock;
  private readonly network?: NetworkPolicy;
  private readonly newId: () => string;
  private readonly sourceCheckers: Partial<Record<'converter' | 'template', SourceChecker>>;
  private readonly names: NameClaims;

  constructor(deps: RepositoryDeps) {
    this.store = deps.store;
    this.secrets = deps.secrets;
    this.clock = deps.clock;
    this.network = deps.network;
    this.newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
    this.sourceCheckers = deps.sourceCheckers ?? {};
    this.names = new NameClaims(deps.store, deps.clock);
  }

  /** Every entity of a kind, migrated, in id order. */
  async listEntities<K extends EntityKind>(kind: K): Promise<EntityByKind[K][]> {
    const entities: EntityByKind[K][] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.list<StoredEntity>(kind, { cursor, limit: 100 });
      for (const record of page.items) entities.push(migrateOnRead(kind, record.value, record.version) as EntityByKind[K]);
      cursor = page.cursor;
    } while (cursor !== undefined);
    return entities;
  }

  /** List rows sorted by name, each with the entities that reference it. */
  async list(kind: EntityKind): Promise<EntitySummary[]> {
    const entities = await this.listEntities(kind);
    const queries = kind === 'query' ? [] : await this.listEntities('query');

    const summaries = entities.map((entity): EntitySummary => {
      const summary: EntitySummary = {
        id: entity.id,
        kind,
        name: entity.name,
        description: entity.description,
        version: entity.version,
        updatedAt: entity.updatedAt,
        usedBy: referencesTo(kind, entity.id, queries),
      };
      if (entity.kind === 'datasource' && entity.allowInsecureHttp) summary.insecure = true;
      if (entity.kind === 'datasource' && entity.auth.kind === 'token' && entity.auth.expiresAt) summary.tokenExpiresAt = entity.auth.expiresAt;
      return summary;
    });
    return summaries.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async find<K extends EntityKind>(kind: K, id: string): Promise<EntityByKind[K] | undefined> {
    const record = await this.store.get<StoredEntity>(kind, id);
    return record ? (migrateOnRead(kind, record.value, record.version) as EntityByKind[K]) : undefined;
  }

  /** Returns the entity or throws ENTITY_NOT_FOUND. */
  async get<K extends EntityKind>(kind: K, id: string): Promise<EntityByKind[K]> {
    const entity = await this.find(kind, id);
    if (!entity) throw notFound(kind, id);
    return entity;
  }

  /** Reads a datasource with each secret reported as configured or not, never by value. */
  async getDatasourceView(id: string): Promise<DatasourceView> {
    const datasource = await this.get('datasource', id);
    const configured = await this.configuredSecrets(id);
    return {
      ...datasource,
      secrets: { password: { configured: configured.has('password') }, token: { configured: configured.has('token') } },
    };
  }

  /** The one read of a secret value; only the REST client should call it. */
  async readSecret(datasourceId: string, name: SecretName): Promise<string | undefined> {
    return this.secrets.get(secretKey(datasourceId, name));
  }

  /** Queries that reference an entity. */
  async usedBy(kind: EntityKind, id: string): Promise<EntityReference[]> {
    if (kind === 'query') return [];
    return referencesTo(kind, id, await this.listEntities('query'));
  }

  async save<K extends EntityKind>(kind: K, draft: unknown, options: SaveOptions = {}): Promise<SaveOutcome> {
    const { value, report } = await this.validate(kind, draft, options.secrets);
    const name = typeof value.name === 'string' ? value.name : '';
    if (report.problems.length > 0) throw validationFailed(kind, name, value.id as string | undefined, report.problems);

    const { id, expectedVersion, previousName } = await this.resolveTarget(kind, value, options.baseVersion);
    const record = {
      ...value,
      id,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      updatedAt: new Date(this.clock.now()).toISOString(),
      ...(options.accountId === undefined ? {} : { updatedBy: options.accountId }),
    } as StoredEntity;

    const recordBytes = utf8Length(JSON.stringify(record));
    const maxRecordBytes = this.store.maxValueBytes - RECORD_OVERHEAD_BYTES;
    if (recordBytes > maxRecordBytes) {
      const field = LARGEST_FIELD[kind];
      throw validationFailed(kind, name, id, [
        { field, message: `The ${kind} is ${recordBytes} bytes once stored, more than the ${maxRecordBytes} bytes one record can hold. Shorten the ${field}.` },
      ]);
    }

    const claim = await this.names.claim(kind, name, id, async (ownerId) => {
      const owner = await this.find(kind, ownerId);
      return owner !== undefined && normalizeName(owner.name) === normalizeName(name);
    });
    if (claim === 'taken') throw validationFailed(kind, name, id, [duplicateName(kind, name)]);

    let version: number;
    try {
      version = await this.store.put(kind, id, record, expectedVersion);
    } catch (error) {
      if (claim === 'claimed') await this.names.release(kind, name, id);
      if (isAppError(error) && error.code === 'CONFLICT') throw conflict(kind, name, id, expectedVersion);
      throw error;
    }
    if (previousName !== undefined && normalizeName(previousName) !== normalizeName(name)) await this.names.release(kind, previousName, id);

    const warnings = [...report.warnings];
    if (kind === 'datasource') warnings.push(...(await this.applySecretChanges(record as Datasource, options.secrets ?? {})));
    return { id, version, warnings };
  }

  /** Deletes an entity that nothing references; a datasource's secrets go with it. */
  async delete(kind: EntityKind, id: string, options: { baseVersion?: number } = {}): Promise<void> {
    const existing = await this.get(kind, id);
    const users = await this.usedBy(kind, id);
    if (users.length > 0) {
      const names = users.map((user) => `"${user.name}"`).join(', ');
      throw new AppError('IN_USE', `The ${kind} "${existing.name}" is used by ${users.length === 1 ? 'the query' : `${users.length} queries:`} ${names}, so it was not deleted.`, {
        hint: `Point ${users.length === 1 ? 'that query' : 'those queries'} at another ${kind} or delete ${users.length === 1 ? 'it' : 'them'} first.`,
        details: { entity: { kind, id, name: existing.name }, usedBy: users },
      });
    }

    const expectedVersion = options.baseVersion ?? existing.version;
    try {
      await this.store.delete(kind, id, expectedVersion);
    } catch (error) {
      if (isAppError(error) && error.code === 'CONFLICT') throw conflict(kind, existing.name, id, expectedVersion);
      throw error;
    }

    await this.names.release(kind, existing.name, id);
    if (kind === 'datasource') {
      for (const secretName of SECRET_NAMES) await this.secrets.delete(secretKey(id, secretName));
    }
  }

  private async validate(kind: EntityKind, draft: unknown, secretChanges: SecretChanges | undefined): Promise<{ value: Record<string, unknown>; report: CheckReport }> {
    if (draft === null || typeof draft !== 'object' || Array.isArray(draft)) {
      return { value: {}, report: { problems: [{ field: '', message: `The ${kind} must be an object.` }], warnings: [] } };
    }

    const { value, problems } = checkShape(kind, draft);
    const report: CheckReport = { problems: [...problems], warnings: [] };
    if (secretChanges !== undefined) {
      if (kind === 'datasource') checkSecretChanges(secretChanges, report.problems);
      else report.problems.push({ field: 'secrets', message: `Only datasources have secrets; a ${kind} cannot store one.` });
    }
    if (problems.length > 0) return { value, report };

    const kindReport = await this.checkKind(kind, value);
    report.problems.push(...kindReport.problems);
    report.warnings.push(...kindReport.warnings);
    await this.checkUniqueName(kind, value, report.problems);
    return { value, report };
  }

  private async checkKind(kind: EntityKind, value: Record<string, unknown>): Promise<CheckReport> {
    switch (kind) {
      case 'datasource':
        return checkDatasource(value as unknown as Datasource, this.network);

      case 'query': {
        const query = value as unknown as EntityByKind['query'];
        const report = checkQuery(query);
        await this.checkReference('datasourceId', 'datasource', query.datasourceId, report.problems);
        if (query.converterId !== undefined) await this.checkReference('converterId', 'converter', query.converterId, report.problems);
        if (query.templateId !== undefined) await this.checkReference('templateId', 'template', query.templateId, report.problems);
        return report;
      }

      case 'converter':
      case 'template': {
        const report: CheckReport = { problems: [], warnings: [] };
        checkName(value.name as string, report.problems);
        if ((value.source as string).trim() === '') {
          const what = kind === 'converter' ? 'a function convert(json, metadata) that returns rows' : 'Velocity markup, such as a table over $result';
          report.problems.push({ field: 'source', message: `source is empty. Write ${what}.` });
          return report;
        }

        const checker = this.sourceCheckers[kind];
        const result = checker ? await checker(value.source as string) : { ok: true as const };
        if (!result.ok) {
          const position = result.line === undefined ? '' : ` at line ${result.line}${result.column === undefined ? '' : `, column ${result.column}`}`;
          report.problems.push({ field: 'source', message: `source has a syntax error${position}: ${result.message}. Fix it and save again.` });
        }
        return report;
      }
    }
  }

  private async checkReference(field: string, kind: EntityKind, id: string, problems: Problem[]): Promise<void> {
    if (await this.store.get(kind, id)) return;
    problems.push({ field, message: `${field} refers to the ${kind} "${id}", which does not exist. Pick an existing ${kind}.` });
  }

  private async checkUniqueName(kind: EntityKind, value: Record<string, unknown>, problems: Problem[]): Promise<void> {
    // The name claim taken on write is what makes concurrent saves safe; this scan also catches records stored without one.
    const name = normalizeName(String(value.name));
    const clash = (await this.listEntities(kind)).find((entity) => normalizeName(entity.name) === name && entity.id !== value.id);
    if (clash) problems.push(duplicateName(kind, String(value.name)));
  }

  private async resolveTarget(
    kind: EntityKind,
    value: Record<string, unknown>,
    baseVersion: number | undefined,
  ): Promise<{ id: string; expectedVersion: number; previousName?: string }> {
    const name = String(value.name);
    if (typeof value.id !== 'string') {
      if (baseVersion !== undefined && baseVersion > 0) throw conflict(kind, name, undefined, baseVersion);
      return { id: this.newId(), expectedVersion: 0 };
    }

    const existing = await this.store.get<StoredEntity>(kind, value.id);
    if (!existing) {
      if (baseVersion !== undefined && baseVersion > 0) throw conflict(kind, name, value.id, baseVersion);
      return { id: value.id, expectedVersion: 0 };
    }
    if (baseVersion === undefined || baseVersion !== existing.version) throw conflict(kind, name, value.id, baseVersion ?? 0, existing.version);
    return { id: value.id, expectedVersion: baseVersion, previousName: existing.value.name };
  }

  private async configuredSecrets(datasourceId: string): Promise<Set<SecretName>> {
    const configured = new Set<SecretName>();
    for (const name of SECRET_NAMES) {
      if ((await this.secrets.get(secretKey(datasourceId, name))) !== undefined) configured.add(name);
    }
    return configured;
  }

  /** Writes replaced secrets, deletes cleared ones and those the auth kind no longer sends. */
  private async applySecretChanges(datasource: Datasource, changes: SecretChanges): Promise<string[]> {
    const needed = secretNeededBy(datasource.auth);
    for (const name of SECRET_NAMES) {
      const change = changes[name];
      const key = secretKey(datasource.id, name);
      if (name !== needed || change === null) await this.secrets.delete(key);
      else if (typeof change === 'string') await this.secrets.set(key, change);
    }

    if (needed && (await this.secrets.get(secretKey(datasource.id, needed))) === undefined) {
      return [`No ${needed} is stored for this datasource yet. Requests fail with SECRET_MISSING until you enter one.`];
    }
    return [];
  }
}

function referencesTo(kind: EntityKind, id: string, queries: EntityByKind['query'][]): EntityReference[] {
  const field = { datasource: 'datasourceId', converter: 'converterId', template: 'templateId', query: undefined }[kind];
  if (!field) return [];
  return queries
    .filter((query) => (query as unknown as Record<string, unknown>)[field] === id)
    .map((query) => ({ kind: 'query' as const, id: query.id, name: query.name }));
}

function duplicateName(kind: EntityKind, name: string): Problem {
  return { field: 'name', message: `name "${name}" is already used by another ${kind}. Choose a different name.` };
}

function notFound(kind: EntityKind, id: string): AppError {
  return new AppError('ENTITY_NOT_FOUND', `No ${kind} with id "${id}" exists.`, {
    hint: 'It may have been deleted by someone else. Reload the list.',
    details: { entity: { kind, id } },
  });
}

function validationFailed(kind: EntityKind, name: string, id: string | undefined, problems: Problem[]): AppError {
  const [first] = problems as [Problem, ...Problem[]];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  const label = name ? ` "${name}"` : '';
  return new AppError('VALIDATION_FAILED', `The ${kind}${label} was not saved: ${first.message}${more}`, {
    hint: 'Fix the listed fields and save again. Nothing was changed.',
    details: { field: first.field, problems, entity: { kind, ...(id === undefined ? {} : { id }), ...(name ? { name } : {}) } },
  });
}

function conflict(kind: EntityKind, name: string, id: string | undefined, expectedVersion: number, storedVersion?: number): AppError {
  const state =
    storedVersion !== undefined ? `it is now at version ${storedVersion}, and you edited version ${expectedVersion}` : 'it no longer exists or never did';
  return new AppError('CONFLICT', `The ${kind} "${name}" was changed by someone else: ${state}. Nothing was saved.`, {
    hint: 'Reload it, apply your change again and save.',
    details: { entity: { kind, ...(id === undefined ? {} : { id }), name } },
  });
}

export type { Entity };
