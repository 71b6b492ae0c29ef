// SecretStore on Forge's encrypted secret storage (kvs.setSecret). Secret
// values cannot be queried or listed, only read by key.

import { kvs } from '@forge/kvs';

import type { SecretStore } from '../../core/store/types';
import { secretKey } from './kvs-keys';

export class KvsSecretStore implements SecretStore {
  async get(key: string): Promise<string | undefined> {
    const value = await kvs.getSecret<string>(secretKey(key));
    return typeof value === 'string' ? value : undefined;
  }

  async set(key: string, value: string): Promise<void> {
    await kvs.setSecret(secretKey(key), value);
  }

  async delete(key: string): Promise<void> {
    await kvs.deleteSecret(secretKey(key));
  }
}
