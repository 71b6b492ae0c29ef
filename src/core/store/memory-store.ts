// In-memory Store and SecretStore for unit tests and the CLI. Values are copied
// through JSON on the way in and out, like the persistent stores serialize
// them, so a caller that mutates a returned object cannot change stored state.

import { AppError } from '../../errors/app-error';
import { systemClock, type Clock } from '../ports';
import type { ListPage, RecordKind, SecretStore, Store, StoredRecord } from './types';

/** Forge's key-value store limit for one value: 240 KiB. */
export const DEFAULT_MAX_VALUE_BYTES = 240 * 1024;

export const MAX_LIST_LIMIT = 100;

interface CacheEntry {
  value: string;
  expiresAt: number;
}

export interface MemoryStoreOptions {
  clock?: Clock;
  maxValueBytes?: number;
}

export class MemoryStore implements Store {
  readonly maxValueBytes: number;
  private readonly clock: Clock;
  private readonly records = new Map<RecordKind, Map<string, { json: string; version: number }>>();
  private readonly cache = new Map<string, CacheEntry>();

  constructor(options: MemoryStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
  }

  async get<T>(kind: RecordKind, id: string): Promise<StoredRecord<T> | undefined> {
    const stored = this.recordsOf(kind).get(id);
    if (!stored) return undefined;
    return { id, value: JSON.parse(stored.json) as T, version: stored.version };
  }

  // Check and write happen in one synchronous step, so concurrent puts with the
  // same expected version cannot both succeed.
  async put<T>(kind: RecordKind, id: string, value: T, expectedVersion: number): Promise<number> {
    const records = this.recordsOf(kind);
    const currentVersion = records.get(id)?.version ?? 0;
    if (currentVersion !== expectedVersion) throw versionConflict(kind, id, currentVersion, expectedVersion);

    const version = currentVersion + 1;
    records.set(id, { json: JSON.stringify(value), version });
    return version;
  }

  async delete(kind: RecordKind, id: string, expectedVersion?: number): Promise<boolean> {
    const records = this.recordsOf(kind);
    const stored = records.get(id);
    if (!stored) return false;
    if (expectedVersion !== undefined && stored.version !== expectedVersion) {
      throw versionConflict(kind, id, stored.version, expectedVersion);
    }

    records.delete(id);
    return true;
  }

  async list<T>(kind: RecordKind, options: { cursor?: string; limit?: number } = {}): Promise<ListPage<T>> {
    const limit = clampLimit(options.limit);
    const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    const ids = [...this.recordsOf(kind).keys()].sort().filter((id) => after === undefined || id > after);

    const pageIds = ids.slice(0, limit);
    const items: StoredRecord<T>[] = [];
    for (const id of pageIds) {
      const record = await this.get<T>(kind, id);
      if (record) items.push(record);
    }

    const lastId = pageIds[pageIds.length - 1];
    const page: ListPage<T> = { items };
    if (ids.length > limit && lastId !== undefined) page.cursor = encodeCursor(lastId);
    return page;
  }

  async getCache(key: string): Promise<string | undefined> {
    const entry = this.cache.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.cache.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async setCache(key: string, value: string, ttlSeconds: number): Promise<void> {
    assertCacheValueFits(value, this.maxValueBytes);
    if (!(ttlSeconds > 0)) {
      this.cache.delete(key);
      return;
    }
    this.cache.set(key, { value, expiresAt: this.clock.now() + ttlSeconds * 1000 });
  }

  async deleteCache(key: string): Promise<void> {
    this.cache.delete(key);
  }

  private recordsOf(kind: RecordKind): Map<string, { json: string; version: number }> {
    let records = this.records.get(kind);
    if (!records) {
      records = new Map();
      this.records.set(kind, records);
    }
    return records;
  }
}

export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.secrets.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.secrets.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.secrets.delete(key);
  }

  /** Number of stored secrets; tests use it to check that deletes cascade. */
  get size(): number {
    return this.secrets.size;
  }
}

/** The CONFLICT error every Store raises for a stale version. */
export function versionConflict(kind: RecordKind, id: string, storedVersion: number, expectedVersion: number): AppError {
  const state = storedVersion === 0 ? 'does not exist' : `is at version ${storedVersion}`;
  return new AppError('CONFLICT', `The ${kind} ${id} ${state}, but the write expected version ${expectedVersion}.`, {
    hint: 'Someone else changed it first. Reload it, apply your change again and save.',
    details: { entity: { kind, id } },
  });
}

/** Raises TOO_LARGE when a cache value exceeds the store's limit; shared by Store implementations. */
export function assertCacheValueFits(value: string, maxValueBytes: number): void {
  const bytes = utf8Length(value);
  if (bytes <= maxValueBytes) return;
  throw new AppError('TOO_LARGE', `The cache value is ${bytes} bytes, more than the store's limit of ${maxValueBytes} bytes.`, {
    hint: 'Split the value into chunks below the limit before storing it.',
    details: { limit: { name: 'maxValueBytes', value: maxValueBytes } },
  });
}

export function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return MAX_LIST_LIMIT;
  return Math.min(MAX_LIST_LIMIT, Math.max(1, Math.floor(limit)));
}

function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}
