// The key that encrypts secrets at rest: 32 random bytes in a file that only
// the owner may read. Losing the file makes stored secrets unreadable (admins
// re-enter them); a copy of the database alone reveals nothing.

import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';

const KEY_BYTES = 32;

export interface SecretKeyWarnings {
  warn(message: string): void;
}

/** Reads the key file, creating it with mode 0600 when it does not exist. */
export function loadOrCreateSecretKey(file: string, log: SecretKeyWarnings = console): Buffer {
  try {
    // `wx` fails when the file exists, so two processes never write two keys.
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(KEY_BYTES).toString('base64') + '\n');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }

  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    log.warn(`The secret key file ${file} was readable by others (mode ${mode.toString(8)}); restricting it to 0600.`);
    chmodSync(file, 0o600);
  }

  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new Error(
      `The secret key file ${file} does not hold a ${KEY_BYTES}-byte base64 key. Restore it from a backup, or delete it together with the database to start over.`,
    );
  }
  return key;
}
