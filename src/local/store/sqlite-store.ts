// The Store contract on SQLite. better-sqlite3 is synchronous, so each method
// runs its read-check-write inside one IMMEDIATE transaction: nothing else in
// this process can interleave, and another process on the same file waits for
// the write lock. Two saves based on the same version therefore cannot both win.

import { assertCacheValueFits, DEFAULT_MAX_VALUE_BYTES, MAX_LIST_LIMIT, versionConflict } from '../../core/store/memory-store';
import { systemClock, type Clock } from '../../core/ports';
import type { ListPage, RecordKind, Store, StoredRecord } from '../../core/store/types';
import type { SqliteDatabase } from './database';

interface RecordRow {
  id: string;
  value: string;
  version: number;
}

export interface SqliteStoreOptions {
  clock?: Clock;
  /** Same default as Forge's key-value store (240 KiB), so chunking code runs locally too. */
  maxValueBytes?: number;
}

export class SqliteStore implements Store {
  readonly maxValueBytes: number;
  private readonly clock: Clock;
  private readonly statements;

  constructor(
    private readonly db: SqliteDatabase,
    options: SqliteStoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
    this.statements = {
      get: db.prepare('SELECT id, value, version FROM records WHERE kind = ? AND id = ?'),
      version: db.prepare('SELECT version FROM records WHERE kind = ? AND id = ?'),
      upsert: db.prepare(
        'INSERT INTO records (kind, id, value, version) VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET value = excluded.value, version = excluded.version',
      ),
      delete: db.prepare('DELETE FROM records WHERE kind = ? AND id = ?'),
      list: db.prepare('SELECT id, value, version FROM records WHERE kind = ? AND id > ? ORDER BY id LIMIT ?'),
      getCache: db.prepare('SELECT value, expires_at AS expiresAt FROM cache WHERE key = ?'),
      setCache: db.prepare(
        'INSERT INTO cache (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
      ),
      deleteCache: db.prepare('DELETE FROM cache WHERE key = ?'),
      purgeExpired: db.prepare('DELETE FROM cache WHERE expires_at <= ?'),
    };
  }

  async get<T>(kind: RecordKind, id: string): Promise<StoredRecord<T> | undefined> {
    const row = this.statements.get.get(kind, id) as RecordRow | undefined;
    return row ? toRecord<T>(row) : undefined;
  }

  async put<T>(kind: RecordKind, id: string, value: T, expectedVersion: number): Promise<number> {
    const json = JSON.stringify(value);
    const write = this.db.transaction((): number => {
      const row = this.statements.version.get(kind, id) as { version: number } | undefined;
      const currentVersion = row?.version ?? 0;
      if (currentVersion !== expectedVersion) throw versionConflict(kind, id, currentVersion, expectedVersion);

      const version = currentVersion + 1;
      this.statements.upsert.run(kind, id, json, version);
      return version;
    });
    return write.immediate();
  }

  async delete(kind: RecordKind, id: string, expectedVersion?: number): Promise<boolean> {
    const remove = this.db.transaction((): boolean => {
      const row = this.statements.version.get(kind, id) as { version: number } | undefined;
      if (!row) return false;
      if (expectedVersion !== undefined && row.version !== expectedVersion) {
        throw versionConflict(kind, id, row.version, expectedVersion);
      }

      this.statements.delete.run(kind, id);
      return true;
    });
    return remove.immediate();
  }

  async list<T>(kind: RecordKind, options: { cursor?: string; limit?: number } = {}): Promise<ListPage<T>> {
    const limit = clampLimit(options.limit);
    const after = options.cursor === undefined ? '' : decodeCursor(options.cursor);

    // One row more than the page tells whether another page follows.
    const rows = this.statements.list.all(kind, after, limit + 1) as RecordRow[];
    const pageRows = rows.slice(0, limit);
    const page: ListPage<T> = { items: pageRows.map((row) => toRecord<T>(row)) };
    const lastRow = pageRows[pageRows.length - 1];
    if (rows.length > limit && lastRow) page.cursor = encodeCursor(lastRow.id);
    return page;
  }

  async getCache(key: string): Promise<string | undefined> {
    const row = this.statements.getCache.get(key) as { value: string; expiresAt: number } | undefined;
    if (!row) return undefined;
    if (row.expiresAt <= this.clock.now()) {
      this.statements.deleteCache.run(key);
      return undefined;
    }
    return row.value;
  }

  async setCache(key: string, value: string, ttlSeconds: number): Promise<void> {
    assertCacheValueFits(value, this.maxValueBytes);
    if (!(ttlSeconds > 0)) {
      this.statements.deleteCache.run(key);
      return;
    }
    this.statements.setCache.run(key, value, this.clock.now() + ttlSeconds * 1000);
  }

  async deleteCache(key: string): Promise<void> {
    this.statements.deleteCache.run(key);
  }

  /** Removes expired cache rows; the host calls it now and then so the file does not grow without bound. */
  purgeExpiredCache(): number {
    return this.statements.purgeExpired.run(this.clock.now()).changes;
  }
}

function toRecord<T>(row: RecordRow): StoredRecord<T> {
  return { id: row.id, value: JSON.parse(row.value) as T, version: row.version };
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
