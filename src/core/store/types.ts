// Storage seams. The pipeline core talks only to these interfaces; the Forge
// app implements them on @forge/kvs, the local host on SQLite, tests in memory.
// Every implementation must pass the shared contract suite in
// test/store/contract.ts.

/** Record namespaces. Entity kinds plus internal bookkeeping. */
export type RecordKind = 'datasource' | 'query' | 'converter' | 'template' | 'meta';

export interface StoredRecord<T> {
  id: string;
  value: T;
  /** Starts at 1 on create and grows by 1 on every successful put. */
  version: number;
}

export interface ListPage<T> {
  items: StoredRecord<T>[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

export interface Store {
  /** Largest cache value, in UTF-8 bytes, that `setCache` accepts. Callers chunk larger values. */
  readonly maxValueBytes: number;

  get<T>(kind: RecordKind, id: string): Promise<StoredRecord<T> | undefined>;

  /**
   * Writes a record when its stored version equals `expectedVersion`
   * (`0` means "must not exist yet") and returns the new version.
   * Throws AppError CONFLICT, writing nothing, when the version differs.
   */
  put<T>(kind: RecordKind, id: string, value: T, expectedVersion: number): Promise<number>;

  /** Deletes a record; with `expectedVersion`, only at that version (else CONFLICT). Returns whether it existed. */
  delete(kind: RecordKind, id: string, expectedVersion?: number): Promise<boolean>;

  /** Lists a kind in id order, `limit` at most 100. */
  list<T>(kind: RecordKind, options?: { cursor?: string; limit?: number }): Promise<ListPage<T>>;

  /** Cache entries: plain strings with a time to live. A missing or expired key returns undefined. */
  getCache(key: string): Promise<string | undefined>;
  setCache(key: string, value: string, ttlSeconds: number): Promise<void>;
  deleteCache(key: string): Promise<void>;
}

/** Encrypted storage for datasource secrets. Values never leave the backend. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}
