// The CLI's Store: entity records in memory (the config file is the source of
// truth) and cache entries as files, so a query's cache duration applies across
// `pq run` calls. Cached results are REST data, so the folder and files are
// readable by their owner only.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { systemClock, type Clock } from '../core/ports';
import { assertCacheValueFits, DEFAULT_MAX_VALUE_BYTES, MemoryStore } from '../core/store/memory-store';
import type { ListPage, RecordKind, Store, StoredRecord } from '../core/store/types';

interface CacheFile {
  expiresAt: number;
  value: string;
}

export class FileCacheStore implements Store {
  readonly maxValueBytes: number;
  private readonly records: MemoryStore;
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly directory: string,
    private readonly clock: Clock = systemClock,
    maxValueBytes = DEFAULT_MAX_VALUE_BYTES,
  ) {
    this.maxValueBytes = maxValueBytes;
    this.records = new MemoryStore({ clock, maxValueBytes });
  }

  get<T>(kind: RecordKind, id: string): Promise<StoredRecord<T> | undefined> {
    return this.records.get<T>(kind, id);
  }

  put<T>(kind: RecordKind, id: string, value: T, expectedVersion: number): Promise<number> {
    return this.records.put(kind, id, value, expectedVersion);
  }

  delete(kind: RecordKind, id: string, expectedVersion?: number): Promise<boolean> {
    return this.records.delete(kind, id, expectedVersion);
  }

  list<T>(kind: RecordKind, options?: { cursor?: string; limit?: number }): Promise<ListPage<T>> {
    return this.records.list<T>(kind, options);
  }

  async getCache(key: string): Promise<string | undefined> {
    let entry: CacheFile;
    try {
      entry = JSON.parse(await readFile(this.fileFor(key), 'utf8')) as CacheFile;
    } catch {
      // A missing or unreadable file is a miss; the next write replaces it.
      return undefined;
    }
    if (typeof entry.value !== 'string' || !(entry.expiresAt > this.clock.now())) {
      await this.deleteCache(key);
      return undefined;
    }
    return entry.value;
  }

  async setCache(key: string, value: string, ttlSeconds: number): Promise<void> {
    assertCacheValueFits(value, this.maxValueBytes);
    if (!(ttlSeconds > 0)) return this.deleteCache(key);

    this.ready ??= mkdir(this.directory, { recursive: true, mode: 0o700 });
    await this.ready;
    const file = this.fileFor(key);
    // Write and rename, so a concurrent reader sees the old entry or the new one, never half a file.
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const entry: CacheFile = { expiresAt: this.clock.now() + ttlSeconds * 1000, value };
    await writeFile(temporary, JSON.stringify(entry), { mode: 0o600 });
    await rename(temporary, file);
  }

  async deleteCache(key: string): Promise<void> {
    await rm(this.fileFor(key), { force: true });
  }

  /** Hashes the key into a file name, so any key is a safe name and the folder listing shows no parameter values. */
  private fileFor(key: string): string {
    return path.join(this.directory, `${createHash('sha256').update(key).digest('hex')}.json`);
  }
}
