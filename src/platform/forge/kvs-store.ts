// Store on Forge's key-value store (@forge/kvs).
//
// Records live under `rec:<kind>:<id>` as `{ version, value }`. Plain KVS has
// no compare-and-set, so every write also updates a `record-version` custom
// entity item in the same transaction, with a condition on its `version`
// attribute: `NOT_EXISTS` for a create, `EQUAL_TO expected` for an update or
// delete. The platform evaluates the condition and applies both writes or
// neither, so of two saves based on the same version exactly one lands.
//
// NOTE: two assumptions cannot be checked without a Forge site. (1) A
// NOT_EXISTS condition on an item that does not exist passes, as in the
// DynamoDB-style stores this API resembles. (2) A record written without its
// version item (by hand, or by an older build) is not guarded until its next
// save through this class. Listing uses KVS queries, which are eventually
// consistent: a record saved a moment ago can be missing from a list, but
// `get` is strongly consistent.

import { Filter, FilterConditions, WhereConditions, kvs } from '@forge/kvs';

import { systemClock, type Clock } from '../../core/ports';
import type { ListPage, RecordKind, Store, StoredRecord } from '../../core/store/types';
import { AppError } from '../../errors/app-error';
import { KvsCache } from './kvs-cache';
import { VERSION_ENTITY, idFromRecordKey, recordKey, recordPrefix, versionKey } from './kvs-keys';

export const MAX_LIST_LIMIT = 100;
const UNCONDITIONAL_DELETE_ATTEMPTS = 3;

interface StoredEnvelope<T> {
  version: number;
  value: T;
}

interface VersionItem {
  version: number;
}

export class KvsStore implements Store {
  readonly maxValueBytes: number;
  private readonly cache: KvsCache;

  constructor(options: { clock?: Clock } = {}) {
    this.cache = new KvsCache(options.clock ?? systemClock);
    this.maxValueBytes = this.cache.maxValueBytes;
  }

  async get<T>(kind: RecordKind, id: string): Promise<StoredRecord<T> | undefined> {
    const envelope = await kvs.get<StoredEnvelope<T>>(recordKey(kind, id));
    if (envelope === undefined) return undefined;
    return { id, value: envelope.value, version: envelope.version };
  }

  async put<T>(kind: RecordKind, id: string, value: T, expectedVersion: number): Promise<number> {
    const version = expectedVersion + 1;
    const condition =
      expectedVersion === 0
        ? new Filter<VersionItem>().and('version', FilterConditions.notExists())
        : new Filter<VersionItem>().and('version', FilterConditions.equalTo(expectedVersion));

    try {
      await kvs
        .transact()
        .set<VersionItem>(versionKey(kind, id), { version }, { entityName: VERSION_ENTITY, conditions: condition })
        .set<StoredEnvelope<T>>(recordKey(kind, id), { version, value })
        .execute();
      return version;
    } catch (error) {
      throw await this.conflictOr(error, kind, id, expectedVersion);
    }
  }

  async delete(kind: RecordKind, id: string, expectedVersion?: number): Promise<boolean> {
    if (expectedVersion !== undefined) return this.deleteAt(kind, id, expectedVersion);

    // Without an expected version the caller wants the record gone whatever
    // its version, so a concurrent save only means reading the version again.
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(kind, id);
      if (!current) return false;
      try {
        return await this.deleteAt(kind, id, current.version);
      } catch (error) {
        if (attempt >= UNCONDITIONAL_DELETE_ATTEMPTS || !(error instanceof AppError && error.code === 'CONFLICT')) throw error;
      }
    }
  }

  async list<T>(kind: RecordKind, options: { cursor?: string; limit?: number } = {}): Promise<ListPage<T>> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? MAX_LIST_LIMIT), 1), MAX_LIST_LIMIT);
    let query = kvs.query().where('key', WhereConditions.beginsWith(recordPrefix(kind))).limit(limit);
    if (options.cursor) query = query.cursor(options.cursor);

    const { results, nextCursor } = await query.getMany<StoredEnvelope<T>>();
    const items = results.map((result) => ({
      id: idFromRecordKey(kind, result.key),
      value: result.value.value,
      version: result.value.version,
    }));

    const page: ListPage<T> = { items };
    if (nextCursor) page.cursor = nextCursor;
    return page;
  }

  getCache(key: string): Promise<string | undefined> {
    return this.cache.get(key);
  }

  setCache(key: string, value: string, ttlSeconds: number): Promise<void> {
    return this.cache.set(key, value, ttlSeconds);
  }

  deleteCache(key: string): Promise<void> {
    return this.cache.delete(key);
  }

  private async deleteAt(kind: RecordKind, id: string, expectedVersion: number): Promise<boolean> {
    if (!(await this.get(kind, id))) return false;

    try {
      await kvs
        .transact()
        .delete<VersionItem>(versionKey(kind, id), {
          entityName: VERSION_ENTITY,
          conditions: new Filter<VersionItem>().and('version', FilterConditions.equalTo(expectedVersion)),
        })
        .delete(recordKey(kind, id))
        .execute();
      return true;
    } catch (error) {
      const stored = await this.get(kind, id);
      if (!stored) return false;
      throw await this.conflictOr(error, kind, id, expectedVersion);
    }
  }

  // The error code of a failed condition is not documented, so the store reads
  // the version again: if it differs from the expected one the failure was a
  // conflict; otherwise the original error is passed on.
  private async conflictOr(error: unknown, kind: RecordKind, id: string, expectedVersion: number): Promise<unknown> {
    const stored = await this.get(kind, id).catch(() => undefined);
    const storedVersion = stored?.version ?? 0;
    if (storedVersion === expectedVersion) return error;

    return new AppError('CONFLICT', `The ${kind} was changed by someone else (stored version ${storedVersion}, yours ${expectedVersion}).`, {
      hint: 'Reload it, reapply your changes and save again.',
      details: { entity: { kind, id } },
    });
  }
}
