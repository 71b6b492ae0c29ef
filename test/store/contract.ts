// The contract every Store and SecretStore implementation must pass: the
// in-memory one, the Forge key-value store and the local SQLite store. Each
// implementation's test file calls these functions with a factory that
// returns a fresh, empty store.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors/app-error';
import type { RecordKind, SecretStore, Store } from '../../src/core/store/types';
import { ManualClock } from '../support/manual-clock';

export { ManualClock };

export interface StoreUnderTest {
  store: Store;
  /** When given, cache expiry is tested by moving this clock; otherwise by waiting in real time. */
  clock?: ManualClock;
  cleanup?: () => Promise<void>;
}

export interface SecretStoreUnderTest {
  secrets: SecretStore;
  cleanup?: () => Promise<void>;
}

interface Sample {
  name: string;
  nested: { tags: string[]; count: number; flag: boolean; nothing: null };
}

function sample(name: string): Sample {
  return { name, nested: { tags: ['a', 'b'], count: 3, flag: true, nothing: null } };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isAppError(error), `expected an AppError ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

function paddedId(index: number): string {
  return `item-${String(index).padStart(4, '0')}`;
}

/** Builds a string of exactly `bytes` UTF-8 bytes that mixes 1-, 3- and 4-byte characters. */
function utf8StringOfBytes(bytes: number): string {
  const multiByte = '한😀'; // 3 + 4 bytes
  const repeats = Math.floor((bytes - 100) / 7);
  const text = multiByte.repeat(repeats);
  return text + 'x'.repeat(bytes - repeats * 7);
}

export function runStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`${name} Store contract`, () => {
    let subject: StoreUnderTest;
    let store: Store;

    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
    });

    afterEach(async () => {
      await subject.cleanup?.();
    });

    describe('get and put', () => {
      it('returns undefined for a missing record', async () => {
        expect(await store.get('datasource', 'missing')).toBeUndefined();
      });

      it('creates at version 1', async () => {
        expect(await store.put('datasource', 'ds-1', sample('one'), 0)).toBe(1);
        expect(await store.get('datasource', 'ds-1')).toEqual({ id: 'ds-1', value: sample('one'), version: 1 });
      });

      it('updates at the stored version', async () => {
        await store.put('query', 'q-1', sample('one'), 0);
        expect(await store.put('query', 'q-1', sample('two'), 1)).toBe(2);
        expect(await store.put('query', 'q-1', sample('three'), 2)).toBe(3);
        expect(await store.get('query', 'q-1')).toEqual({ id: 'q-1', value: sample('three'), version: 3 });
      });

      it('rejects a create over an existing record', async () => {
        await store.put('query', 'q-1', sample('first'), 0);
        await expectCode(store.put('query', 'q-1', sample('second'), 0), 'CONFLICT');
        expect((await store.get('query', 'q-1'))?.value).toEqual(sample('first'));
      });

      it('rejects a stale version and writes nothing', async () => {
        await store.put('template', 't-1', sample('v1'), 0);
        await store.put('template', 't-1', sample('v2'), 1);
        await expectCode(store.put('template', 't-1', sample('stale'), 1), 'CONFLICT');
        expect(await store.get('template', 't-1')).toEqual({ id: 't-1', value: sample('v2'), version: 2 });
      });

      it('rejects an update of a missing record', async () => {
        await expectCode(store.put('converter', 'c-1', sample('ghost'), 4), 'CONFLICT');
        expect(await store.get('converter', 'c-1')).toBeUndefined();
      });

      it('keeps kinds apart', async () => {
        await store.put('datasource', 'same-id', sample('datasource'), 0);
        await store.put('query', 'same-id', sample('query'), 0);
        expect((await store.get('datasource', 'same-id'))?.value).toEqual(sample('datasource'));
        expect((await store.get('query', 'same-id'))?.value).toEqual(sample('query'));
        expect(await store.get('template', 'same-id')).toBeUndefined();
      });

      it('round-trips unicode, empty strings and large values', async () => {
        const value = {
          korean: '할 일 작업',
          emoji: '📈 chart',
          empty: '',
          quote: 'a "quoted" \\ value\n',
          big: 'x'.repeat(100_000),
          numbers: [0, -1.5, 1e21, 9007199254740991],
        };
        await store.put('converter', 'c-unicode', value, 0);
        expect((await store.get('converter', 'c-unicode'))?.value).toEqual(value);
      });

      it('does not share objects with the caller', async () => {
        const value = sample('original');
        await store.put('datasource', 'ds-copy', value, 0);
        value.name = 'mutated after put';
        const read = await store.get<Sample>('datasource', 'ds-copy');
        expect(read?.value.name).toBe('original');
        if (read) read.value.name = 'mutated after get';
        expect((await store.get<Sample>('datasource', 'ds-copy'))?.value.name).toBe('original');
      });

      it('lets exactly one concurrent create win', async () => {
        const attempts = Array.from({ length: 10 }, (_, index) => store.put('query', 'race', sample(`writer-${index}`), 0));
        const results = await Promise.allSettled(attempts);
        const winners = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
        const losers = results.filter((result) => result.status === 'rejected');

        expect(winners).toHaveLength(1);
        for (const loser of losers) {
          expect(loser.reason).toMatchObject({ code: 'CONFLICT' });
        }
        expect(await store.get('query', 'race')).toEqual({ id: 'race', value: sample(`writer-${winners[0]}`), version: 1 });
      });

      it('lets exactly one concurrent update win', async () => {
        await store.put('datasource', 'race', sample('base'), 0);
        const attempts = Array.from({ length: 8 }, (_, index) => store.put('datasource', 'race', sample(`editor-${index}`), 1));
        const results = await Promise.allSettled(attempts);
        const winners = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));

        expect(winners).toHaveLength(1);
        expect(results.filter((result) => result.status === 'rejected')).toHaveLength(7);
        expect(await store.get('datasource', 'race')).toEqual({ id: 'race', value: sample(`editor-${winners[0]}`), version: 2 });
      });
    });

    describe('delete', () => {
      it('removes a record and reports it existed', async () => {
        await store.put('template', 't-del', sample('doomed'), 0);
        expect(await store.delete('template', 't-del')).toBe(true);
        expect(await store.get('template', 't-del')).toBeUndefined();
      });

      it('reports false for a missing record', async () => {
        expect(await store.delete('template', 'never-existed')).toBe(false);
        expect(await store.delete('template', 'never-existed', 3)).toBe(false);
      });

      it('rejects a stale expected version and keeps the record', async () => {
        await store.put('query', 'q-del', sample('v1'), 0);
        await store.put('query', 'q-del', sample('v2'), 1);
        await expectCode(store.delete('query', 'q-del', 1), 'CONFLICT');
        expect((await store.get('query', 'q-del'))?.version).toBe(2);
        expect(await store.delete('query', 'q-del', 2)).toBe(true);
      });

      it('restarts at version 1 after delete', async () => {
        await store.put('query', 'q-again', sample('v1'), 0);
        await store.put('query', 'q-again', sample('v2'), 1);
        await store.delete('query', 'q-again');
        expect(await store.put('query', 'q-again', sample('new'), 0)).toBe(1);
      });
    });

    describe('list', () => {
      async function fill(kind: RecordKind, count: number): Promise<string[]> {
        const ids = Array.from({ length: count }, (_, index) => paddedId(index));
        // Insert out of order so that the id ordering is the store's work.
        const shuffled = [...ids].sort((a, b) => (a.split('').reverse().join('') < b.split('').reverse().join('') ? -1 : 1));
        for (const id of shuffled) await store.put(kind, id, sample(id), 0);
        return ids;
      }

      async function listAll(kind: RecordKind, limit?: number): Promise<{ ids: string[]; pageSizes: number[] }> {
        const ids: string[] = [];
        const pageSizes: number[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.list<Sample>(kind, { cursor, limit });
          pageSizes.push(page.items.length);
          ids.push(...page.items.map((item) => item.id));
          cursor = page.cursor;
        } while (cursor !== undefined && pageSizes.length < 50);
        return { ids, pageSizes };
      }

      it('returns an empty page without a cursor', async () => {
        const page = await store.list('converter');
        expect(page.items).toEqual([]);
        expect(page.cursor).toBeUndefined();
      });

      it('returns records with values and versions in id order', async () => {
        await store.put('template', 'b', sample('b'), 0);
        await store.put('template', 'a', sample('a'), 0);
        await store.put('template', 'a', sample('a2'), 1);
        const page = await store.list<Sample>('template');
        expect(page.items).toEqual([
          { id: 'a', value: sample('a2'), version: 2 },
          { id: 'b', value: sample('b'), version: 1 },
        ]);
        expect(page.cursor).toBeUndefined();
      });

      it('pages through more than 100 records', async () => {
        const ids = await fill('query', 230);
        const { ids: listed, pageSizes } = await listAll('query');
        expect(listed).toEqual(ids);
        expect(pageSizes).toEqual([100, 100, 30]);
      });

      it('honours a smaller limit', async () => {
        const ids = await fill('converter', 23);
        const { ids: listed, pageSizes } = await listAll('converter', 7);
        expect(listed).toEqual(ids);
        expect(pageSizes).toEqual([7, 7, 7, 2]);
      });

      it('caps the limit at 100', async () => {
        await fill('datasource', 130);
        const page = await store.list('datasource', { limit: 500 });
        expect(page.items).toHaveLength(100);
        expect(page.cursor).toBeDefined();
      });

      it('lists only the requested kind', async () => {
        await store.put('query', 'q', sample('q'), 0);
        await store.put('template', 't', sample('t'), 0);
        await store.setCache('cache-entry', 'value', 60);
        expect((await store.list('query')).items.map((item) => item.id)).toEqual(['q']);
        expect((await store.list('meta')).items).toEqual([]);
      });

      it('continues after records change between pages', async () => {
        const ids = await fill('query', 15);
        const first = await store.list('query', { limit: 5 });
        expect(first.items.map((item) => item.id)).toEqual(ids.slice(0, 5));

        await store.delete('query', paddedId(2));
        await store.delete('query', paddedId(5));
        const second = await store.list('query', { limit: 5, cursor: first.cursor });
        expect(second.items.map((item) => item.id)).toEqual(ids.slice(6, 11));
      });
    });

    describe('cache', () => {
      async function passTime(milliseconds: number): Promise<void> {
        if (subject.clock) subject.clock.advance(milliseconds);
        else await new Promise((resolve) => setTimeout(resolve, milliseconds));
      }

      it('returns undefined for a missing key', async () => {
        expect(await store.getCache('cache:missing')).toBeUndefined();
      });

      it('stores, overwrites and deletes', async () => {
        await store.setCache('cache:site-1:abc', 'first', 60);
        expect(await store.getCache('cache:site-1:abc')).toBe('first');
        await store.setCache('cache:site-1:abc', 'second', 60);
        expect(await store.getCache('cache:site-1:abc')).toBe('second');
        await store.deleteCache('cache:site-1:abc');
        expect(await store.getCache('cache:site-1:abc')).toBeUndefined();
        await store.deleteCache('cache:site-1:abc');
      });

      it('expires an entry after its time to live', async () => {
        await store.setCache('cache:ttl', 'short-lived', 1);
        await store.setCache('cache:ttl-long', 'long-lived', 3600);
        if (subject.clock) {
          await passTime(999);
          expect(await store.getCache('cache:ttl')).toBe('short-lived');
        }
        await passTime(1100);
        expect(await store.getCache('cache:ttl')).toBeUndefined();
        expect(await store.getCache('cache:ttl-long')).toBe('long-lived');
      });

      it('accepts a value of exactly maxValueBytes', async () => {
        const value = utf8StringOfBytes(store.maxValueBytes);
        expect(new TextEncoder().encode(value).length).toBe(store.maxValueBytes);
        await store.setCache('cache:full', value, 60);
        expect(await store.getCache('cache:full')).toBe(value);
      });

      it('rejects a value over maxValueBytes', async () => {
        await expectCode(store.setCache('cache:overflow', utf8StringOfBytes(store.maxValueBytes + 1), 60), 'TOO_LARGE');
        expect(await store.getCache('cache:overflow')).toBeUndefined();
      });

      it('reports the 240 KiB limit or less', () => {
        expect(store.maxValueBytes).toBeGreaterThan(1024);
        expect(store.maxValueBytes).toBeLessThanOrEqual(240 * 1024);
      });

      it('keeps cache keys apart from records', async () => {
        await store.put('datasource', 'shared', sample('record'), 0);
        await store.setCache('shared', 'cache value', 60);
        expect((await store.get('datasource', 'shared'))?.value).toEqual(sample('record'));
        expect(await store.getCache('shared')).toBe('cache value');
      });
    });
  });
}

export function runSecretStoreContract(name: string, makeSecrets: () => Promise<SecretStoreUnderTest>): void {
  describe(`${name} SecretStore contract`, () => {
    let subject: SecretStoreUnderTest;
    let secrets: SecretStore;

    beforeEach(async () => {
      subject = await makeSecrets();
      secrets = subject.secrets;
    });

    afterEach(async () => {
      await subject.cleanup?.();
    });

    it('returns undefined for a missing key', async () => {
      expect(await secrets.get('secret:missing:token')).toBeUndefined();
    });

    it('stores, replaces and deletes a secret', async () => {
      await secrets.set('secret:ds-1:token', 'first-token');
      expect(await secrets.get('secret:ds-1:token')).toBe('first-token');
      await secrets.set('secret:ds-1:token', 'second-token');
      expect(await secrets.get('secret:ds-1:token')).toBe('second-token');
      await secrets.delete('secret:ds-1:token');
      expect(await secrets.get('secret:ds-1:token')).toBeUndefined();
    });

    it('ignores deleting a missing key', async () => {
      await secrets.delete('secret:never:token');
      expect(await secrets.get('secret:never:token')).toBeUndefined();
    });

    it('keeps keys apart', async () => {
      await secrets.set('secret:ds-1:password', 'pw-1');
      await secrets.set('secret:ds-1:token', 'tok-1');
      await secrets.set('secret:ds-2:token', 'tok-2');
      await secrets.delete('secret:ds-1:token');
      expect(await secrets.get('secret:ds-1:password')).toBe('pw-1');
      expect(await secrets.get('secret:ds-1:token')).toBeUndefined();
      expect(await secrets.get('secret:ds-2:token')).toBe('tok-2');
    });

    it('round-trips long and unusual values', async () => {
      const values = ['p@ss:wörd "quoted" \\ back', '비밀번호', 'x'.repeat(4096), ' leading and trailing spaces '];
      for (const [index, value] of values.entries()) {
        await secrets.set(`secret:ds-odd:${index}`, value);
        expect(await secrets.get(`secret:ds-odd:${index}`)).toBe(value);
      }
    });
  });
}
