// Opens the local host's SQLite database and brings its schema up to date.
//
// SQLite in WAL mode with synchronous=FULL: every committed transaction is in
// the write-ahead log and fsynced before the call returns, so a process killed
// with SIGKILL (or a power cut) loses at most the transaction that had not
// committed yet, and readers never see a half-written record.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqliteDatabase = Database.Database;

/** Each entry upgrades the schema by one version; `PRAGMA user_version` records how many ran. */
const MIGRATIONS: string[] = [
  `CREATE TABLE records (
     kind TEXT NOT NULL,
     id TEXT NOT NULL,
     value TEXT NOT NULL,
     version INTEGER NOT NULL,
     PRIMARY KEY (kind, id)
   ) WITHOUT ROWID;
   CREATE TABLE cache (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX cache_expiry ON cache (expires_at);
   CREATE TABLE secrets (
     key TEXT PRIMARY KEY,
     iv BLOB NOT NULL,
     tag BLOB NOT NULL,
     ciphertext BLOB NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE pages (
     id TEXT PRIMARY KEY,
     space_key TEXT NOT NULL,
     title TEXT NOT NULL,
     document TEXT NOT NULL,
     version INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE host_settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) WITHOUT ROWID;`,
];

export function openDatabase(file: string): SqliteDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);

  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Another process on the same file (a second host, a test reading the data
  // dir) waits for the write lock instead of failing at once.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');

  migrate(db);
  return db;
}

function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database schema is version ${current}, newer than this code knows (${MIGRATIONS.length}). Use a newer checkout or another --data directory.`,
    );
  }

  for (let version = current; version < MIGRATIONS.length; version += 1) {
    const upgrade = db.transaction(() => {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    });
    upgrade.immediate();
  }
}

/** Reads one host setting (demo API port, seed state); host bookkeeping, not app data. */
export function readSetting(db: SqliteDatabase, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM host_settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeSetting(db: SqliteDatabase, key: string, value: string): void {
  db.prepare('INSERT INTO host_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
