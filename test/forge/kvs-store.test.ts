// The Forge Store and SecretStore, run through the real @forge/kvs client
// against the in-process emulation of the KVS API.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { KvsSecretStore } from '../../src/platform/forge/kvs-secret-store';
import { KvsStore } from '../../src/platform/forge/kvs-store';
import { ForgeEmulator } from '../support/forge-emulator';
import { ManualClock, runSecretStoreContract, runStoreContract } from '../store/contract';

let emulator: ForgeEmulator;

function freshEmulator(): ForgeEmulator {
  emulator?.uninstall();
  emulator = new ForgeEmulator().install();
  return emulator;
}

runStoreContract('KvsStore', async () => {
  freshEmulator();
  const clock = new ManualClock();
  return { store: new KvsStore({ clock }), clock };
});

runSecretStoreContract('KvsSecretStore', async () => {
  freshEmulator();
  return { secrets: new KvsSecretStore() };
});

describe('KvsStore on the KVS API', () => {
  let store: KvsStore;

  beforeAll(() => freshEmulator());
  afterAll(() => emulator.uninstall());
  beforeEach(() => {
    freshEmulator();
    store = new KvsStore();
  });

  it('stores records under a prefix per kind', async () => {
    await store.put('query', 'q-1', { name: 'one' }, 0);
    expect([...emulator.kvs.keys()]).toEqual(['rec:query:q-1']);
    expect(emulator.kvs.get('rec:query:q-1')?.value).toEqual({ version: 1, value: { name: 'one' } });
    expect(emulator.entities.get('record-version\u0000query:q-1')?.value).toEqual({ version: 1 });
  });

  it('writes record and version in one transaction', async () => {
    await store.put('datasource', 'ds', { a: 1 }, 0);
    const paths = emulator.kvsCalls.map((call) => call.path);
    expect(paths).toEqual(['/api/v1/transaction']);
    const transaction = emulator.kvsCalls[0]?.body;
    expect(transaction.set).toHaveLength(2);
    expect(transaction.set[0].conditions).toEqual({ and: [{ property: 'version', condition: 'NOT_EXISTS', values: [true] }] });
  });

  it('conditions an update on the expected version', async () => {
    await store.put('datasource', 'ds', { a: 1 }, 0);
    await store.put('datasource', 'ds', { a: 2 }, 1);
    const update = emulator.kvsCalls.at(-1)?.body;
    expect(update.set[0].conditions).toEqual({ and: [{ property: 'version', condition: 'EQUAL_TO', values: [1] }] });
  });

  it('maps odd ids into the key alphabet and back', async () => {
    const id = 'a/b c?é#';
    await store.put('template', id, { ok: true }, 0);
    const [key] = [...emulator.kvs.keys()];
    expect(key).toMatch(/^rec:template:[A-Za-z0-9:._#-]+$/);
    expect((await store.list('template')).items.map((item) => item.id)).toEqual([id]);
    expect((await store.get('template', id))?.value).toEqual({ ok: true });
  });

  it('splits a large cache value into chunks under the KVS limit', async () => {
    // Control characters are escaped as \u0001 in JSON: six bytes each.
    const value = '\u0001'.repeat(store.maxValueBytes);
    await store.setCache('big', value, 60);
    const chunkKeys = [...emulator.kvs.keys()].filter((key) => key.startsWith('cache:') && key.split(':').length === 4);
    expect(chunkKeys.length).toBeGreaterThan(1);
    expect(await store.getCache('big')).toBe(value);
  });

  it('passes the TTL to KVS', async () => {
    await store.setCache('short', 'value', 90);
    const set = emulator.kvsCalls.find((call) => call.path === '/api/v1/set');
    expect(set?.body.options).toEqual({ ttl: { value: 90, unit: 'SECONDS' } });
  });

  it('treats a missing chunk as a miss', async () => {
    await store.setCache('big', 'y'.repeat(100_000), 60);
    const chunkKey = [...emulator.kvs.keys()].find((key) => key.endsWith(':1'));
    emulator.kvs.delete(chunkKey ?? '');
    expect(await store.getCache('big')).toBeUndefined();
  });

  it('stores secrets only in secret storage', async () => {
    const secrets = new KvsSecretStore();
    await secrets.set('secret:ds-1:token', 'tok-secret-value');
    expect(emulator.secrets.get('secret:ds-1:token')?.value).toBe('tok-secret-value');
    expect(JSON.stringify([...emulator.kvs.values()])).not.toContain('tok-secret-value');
  });
});
