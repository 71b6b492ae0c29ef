import { mkdtempSync, readFileSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../src/local/store/database';
import { loadOrCreateSecretKey } from '../../src/local/store/secret-key';
import { SqliteSecretStore } from '../../src/local/store/sqlite-secret-store';
import { SqliteStore } from '../../src/local/store/sqlite-store';
import { ManualClock, runSecretStoreContract, runStoreContract } from '../store/contract';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pq-sqlite-'));
}

function openTemp(): { db: SqliteDatabase; dir: string; cleanup: () => Promise<void> } {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'local.sqlite'));
  return {
    db,
    dir,
    cleanup: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

runStoreContract('SqliteStore', async () => {
  const { db, cleanup } = openTemp();
  const clock = new ManualClock();
  return { store: new SqliteStore(db, { clock }), clock, cleanup };
});

runStoreContract('SqliteStore on the system clock', async () => {
  const { db, cleanup } = openTemp();
  return { store: new SqliteStore(db), cleanup };
});

runSecretStoreContract('SqliteSecretStore', async () => {
  const { db, dir, cleanup } = openTemp();
  return { secrets: new SqliteSecretStore(db, loadOrCreateSecretKey(join(dir, 'secret.key'))), cleanup };
});

describe('SqliteStore persistence', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps records and versions across reopen', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir, 'local.sqlite');

    const first = openDatabase(file);
    const store = new SqliteStore(first);
    await store.put('query', 'q-1', { name: 'one' }, 0);
    await store.put('query', 'q-1', { name: 'two' }, 1);
    first.close();

    const second = openDatabase(file);
    expect(await new SqliteStore(second).get('query', 'q-1')).toEqual({ id: 'q-1', value: { name: 'two' }, version: 2 });
    second.close();
  });

  it('sees a write from another connection', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir, 'local.sqlite');
    const a = new SqliteStore(openDatabase(file));
    const b = new SqliteStore(openDatabase(file));

    await a.put('template', 't', { n: 1 }, 0);
    await expect(b.put('template', 't', { n: 2 }, 0)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await b.put('template', 't', { n: 2 }, 1)).toBe(2);
    expect((await a.get('template', 't'))?.version).toBe(2);
  });

  it('purges expired cache rows', async () => {
    const { db, cleanup } = openTemp();
    const clock = new ManualClock();
    const store = new SqliteStore(db, { clock });
    await store.setCache('a', 'x', 1);
    await store.setCache('b', 'y', 100);
    clock.advance(2000);
    expect(store.purgeExpiredCache()).toBe(1);
    expect(await store.getCache('b')).toBe('y');
    await cleanup();
  });
});

describe('SqliteSecretStore encryption', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function setup(): { dir: string; file: string; keyFile: string } {
    const dir = tempDir();
    dirs.push(dir);
    return { dir, file: join(dir, 'local.sqlite'), keyFile: join(dir, 'secret.key') };
  }

  it('creates the key file with mode 0600', () => {
    const { keyFile } = setup();
    loadOrCreateSecretKey(keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('reuses an existing key', () => {
    const { keyFile } = setup();
    expect(loadOrCreateSecretKey(keyFile).equals(loadOrCreateSecretKey(keyFile))).toBe(true);
  });

  it('tightens a key file readable by others', () => {
    const { keyFile } = setup();
    loadOrCreateSecretKey(keyFile);
    chmodSync(keyFile, 0o644);
    const warnings: string[] = [];
    loadOrCreateSecretKey(keyFile, { warn: (message) => warnings.push(message) });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(warnings[0]).toContain('restricting it to 0600');
  });

  it('rejects a key file of the wrong size', () => {
    const { keyFile } = setup();
    writeFileSync(keyFile, Buffer.alloc(16).toString('base64'), { mode: 0o600 });
    expect(() => loadOrCreateSecretKey(keyFile)).toThrow('does not hold a 32-byte base64 key');
  });

  it('stores no plaintext in the database files', async () => {
    const { file, keyFile } = setup();
    const db = openDatabase(file);
    const secrets = new SqliteSecretStore(db, loadOrCreateSecretKey(keyFile));
    const value = 'distinctive-secret-value-7f3a9c';
    await secrets.set('secret:ds-1:token', value);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();

    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from(value))).toBe(false);
    expect(bytes.includes(Buffer.from('secret:ds-1:token'))).toBe(true);
  });

  it('decrypts after reopen with the same key', async () => {
    const { file, keyFile } = setup();
    const first = openDatabase(file);
    await new SqliteSecretStore(first, loadOrCreateSecretKey(keyFile)).set('secret:ds:token', 'tok');
    first.close();

    const second = openDatabase(file);
    expect(await new SqliteSecretStore(second, loadOrCreateSecretKey(keyFile)).get('secret:ds:token')).toBe('tok');
    second.close();
  });

  it('fails clearly with another key', async () => {
    const { file, keyFile } = setup();
    const db = openDatabase(file);
    await new SqliteSecretStore(db, loadOrCreateSecretKey(keyFile)).set('secret:ds:token', 'tok');
    const other = new SqliteSecretStore(db, Buffer.alloc(32, 7));
    await expect(other.get('secret:ds:token')).rejects.toThrow('cannot be decrypted');
    db.close();
  });

  it('rejects a ciphertext moved to another key name', async () => {
    const { file, keyFile } = setup();
    const db = openDatabase(file);
    const secrets = new SqliteSecretStore(db, loadOrCreateSecretKey(keyFile));
    await secrets.set('secret:ds-a:token', 'token-of-a');
    db.prepare("INSERT INTO secrets (key, iv, tag, ciphertext) SELECT 'secret:ds-b:token', iv, tag, ciphertext FROM secrets WHERE key = 'secret:ds-a:token'").run();
    await expect(secrets.get('secret:ds-b:token')).rejects.toThrow('secret:ds-b:token');
    db.close();
  });
});
