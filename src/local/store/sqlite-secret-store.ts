// The SecretStore contract on SQLite, encrypted with AES-256-GCM. Each value
// gets a fresh 96-bit IV; the secret's key name is the additional
// authenticated data, so a ciphertext copied to another key fails to decrypt
// instead of handing one datasource's token to another.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretStore } from '../../core/store/types';
import type { SqliteDatabase } from './database';

interface SecretRow {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

export class SqliteSecretStore implements SecretStore {
  private readonly statements;

  constructor(
    db: SqliteDatabase,
    private readonly key: Buffer,
  ) {
    if (key.length !== 32) throw new Error(`AES-256-GCM needs a 32-byte key, got ${key.length} bytes.`);
    this.statements = {
      get: db.prepare('SELECT iv, tag, ciphertext FROM secrets WHERE key = ?'),
      set: db.prepare(
        'INSERT INTO secrets (key, iv, tag, ciphertext) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET iv = excluded.iv, tag = excluded.tag, ciphertext = excluded.ciphertext',
      ),
      delete: db.prepare('DELETE FROM secrets WHERE key = ?'),
    };
  }

  async get(name: string): Promise<string | undefined> {
    const row = this.statements.get.get(name) as SecretRow | undefined;
    if (!row) return undefined;

    const decipher = createDecipheriv('aes-256-gcm', this.key, row.iv);
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(row.tag);
    try {
      return Buffer.concat([decipher.update(row.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // The message names the key, never the value, and says how to recover.
      throw new Error(
        `The stored secret "${name}" cannot be decrypted: the secret key file does not match the database, or the row was altered. Enter the secret again in the admin page.`,
      );
    }
  }

  async set(name: string, value: string): Promise<void> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(name, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    this.statements.set.run(name, iv, cipher.getAuthTag(), ciphertext);
  }

  async delete(name: string): Promise<void> {
    this.statements.delete.run(name);
  }
}
