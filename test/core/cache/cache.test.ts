import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cached, cacheKey, ChunkedCache, MAX_CHUNKS, parseCacheDuration, SingleFlight, splitUtf8, type CacheKeyParts } from '../../../src/core/cache';
import { sendRequest } from '../../../src/core/http';
import { MemoryStore } from '../../../src/core/store/memory-store';
import type { Store } from '../../../src/core/store/types';
import { fixtureRoute, startTestServer, type TestServer } from '../../support/https-server';
import { ManualClock } from '../../support/manual-clock';
import { datasourceFor, depsFor } from '../http/helpers';

describe('parseCacheDuration', () => {
  it.each([
    ['0', 0],
    ['30s', 30],
    ['15m', 900],
    ['12h', 43_200],
    ['3d', 259_200],
    [' 5m ', 300],
    ['30d', 2_592_000],
  ])('parses %s', (text, seconds) => {
    expect(parseCacheDuration(text)).toBe(seconds);
  });

  it.each(['', '00', '5', '5w', '1.5h', '-1m', '31d', '05m', 'm', '1 h', '1H'])('rejects %j', (text) => {
    expect(parseCacheDuration(text)).toBeUndefined();
  });
});

describe('cacheKey', () => {
  const parts: CacheKeyParts = { siteId: 'site-1', queryId: 'q-1', queryVersion: 3, datasourceVersion: 2, converterVersion: 1, values: { project: 'SLING', '@page.id': '42' } };

  it('ignores the order of values', () => {
    expect(cacheKey(parts)).toBe(cacheKey({ ...parts, values: { '@page.id': '42', project: 'SLING' } }));
  });

  it.each([
    ['site', { siteId: 'site-2' }],
    ['query', { queryId: 'q-2' }],
    ['query version', { queryVersion: 4 }],
    ['datasource version', { datasourceVersion: 3 }],
    ['converter version', { converterVersion: 2 }],
    ['template version', { templateVersion: 1 }],
    ['value', { values: { project: 'SLINGX', '@page.id': '42' } }],
    ['value boundary', { values: { project: 'SLING', '@page.id': '4', x: '2' } }],
  ])('changes with the %s', (_name, change) => {
    expect(cacheKey({ ...parts, ...change })).not.toBe(cacheKey(parts));
  });

  it('hides values behind a hash', () => {
    const key = cacheKey(parts);
    expect(key).toMatch(/^pq-cache:[0-9a-f]{64}$/);
    expect(key).not.toContain('SLING');
  });
});

describe('splitUtf8', () => {
  it('never cuts a character', () => {
    const text = 'ab😀한글😀'.repeat(50);
    const pieces = splitUtf8(text, 7);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) {
      expect(new TextEncoder().encode(piece).length).toBeLessThanOrEqual(7);
      expect(piece).not.toMatch(/[\uD800-\uDBFF]$/);
    }
  });
});

describe('ChunkedCache', () => {
  function setup(maxValueBytes = 1000) {
    const clock = new ManualClock();
    const store = new MemoryStore({ clock, maxValueBytes });
    return { clock, store, cache: new ChunkedCache(store, () => clock.now()) };
  }

  it('stores a small entry inline', async () => {
    const { cache, store, clock } = setup();
    const entry = await cache.set('k', '{"a":1}', 60);
    expect(entry).toEqual({ value: '{"a":1}', storedAt: new Date(clock.now()).toISOString(), expiresAt: new Date(clock.now() + 60_000).toISOString() });
    expect(await cache.get('k')).toEqual(entry);
    expect(await store.getCache('k:')).toBeUndefined();
  });

  it('chunks an entry over the value limit', async () => {
    const { cache, store } = setup(1000);
    const value = JSON.stringify({ text: '한글 😀 '.repeat(800) });
    await cache.set('big', value, 60);
    const head = await store.getCache('big');
    expect(head).toMatch(/^pqc1 \S+ \S+ \d+ [0-9a-f]{16}\n$/);
    expect(Number(head?.split(' ')[3])).toBeGreaterThan(5);
    expect((await cache.get('big'))?.value).toBe(value);
  });

  it('round-trips a real 451 KB response on the 240 KiB limit', async () => {
    const store = new MemoryStore();
    const cache = new ChunkedCache(store, () => Date.now());
    const { readFixture } = await import('../../support/https-server');
    const value = readFixture('jira_v2_project_list_apache_567projects.json').toString('utf8');
    await cache.set('projects', value, 60);
    expect((await cache.get('projects'))?.value).toBe(value);
  });

  it('misses when a chunk is gone', async () => {
    const { cache, store } = setup(1000);
    await cache.set('big', 'x'.repeat(5000), 60);
    const head = (await store.getCache('big')) ?? '';
    const writeId = head.trim().split(' ')[4];
    await store.deleteCache(`big:${writeId}:2`);
    expect(await cache.get('big')).toBeUndefined();
  });

  it('expires with its time to live', async () => {
    const { cache, clock } = setup(1000);
    await cache.set('big', 'y'.repeat(5000), 30);
    clock.advance(29_000);
    expect((await cache.get('big'))?.value).toHaveLength(5000);
    clock.advance(1_000);
    expect(await cache.get('big')).toBeUndefined();
  });

  it('skips an entry that needs too many chunks', async () => {
    const { cache, store } = setup(100);
    expect(await cache.set('huge', 'z'.repeat(100 * (MAX_CHUNKS + 1)), 60)).toBeUndefined();
    expect(await store.getCache('huge')).toBeUndefined();
  });

  it('keeps concurrent writers apart', async () => {
    const { cache } = setup(100);
    const values = ['a', 'b', 'c', 'd'].map((letter) => letter.repeat(1000));
    await Promise.all(values.map((value) => cache.set('race', value, 60)));
    const read = (await cache.get('race'))?.value;
    expect(values).toContain(read);
  });

  it('deletes the head and its chunks', async () => {
    const { cache, store } = setup(100);
    await cache.set('gone', 'q'.repeat(1000), 60);
    const writeId = ((await store.getCache('gone')) ?? '').trim().split(' ')[4];
    await cache.delete('gone');
    expect(await cache.get('gone')).toBeUndefined();
    expect(await store.getCache(`gone:${writeId}:0`)).toBeUndefined();
  });

  it('does not store with a zero duration', async () => {
    const { cache, store } = setup();
    expect(await cache.set('zero', 'v', 0)).toBeUndefined();
    expect(await store.getCache('zero')).toBeUndefined();
  });
});

describe('cached', () => {
  function setup() {
    const clock = new ManualClock();
    const store = new MemoryStore({ clock });
    return { clock, store, flights: new SingleFlight() };
  }

  it('computes once, then hits', async () => {
    const { clock, store, flights } = setup();
    let calls = 0;
    const compute = async () => ({ rows: [1, 2, 3], call: ++calls });
    const first = await cached({ store, clock, flights, key: 'k', ttlSeconds: 60, compute });
    const second = await cached({ store, clock, flights, key: 'k', ttlSeconds: 60, compute });
    expect(first).toMatchObject({ value: { rows: [1, 2, 3], call: 1 }, hit: false });
    expect(second).toMatchObject({ value: { rows: [1, 2, 3], call: 1 }, hit: true });
    expect(second.expiresAt).toBe(new Date(clock.now() + 60_000).toISOString());
    expect(calls).toBe(1);
  });

  it('bypasses the cache on refresh', async () => {
    const { clock, store, flights } = setup();
    let calls = 0;
    const compute = async () => ++calls;
    await cached({ store, clock, flights, key: 'k', ttlSeconds: 60, compute });
    const refreshed = await cached({ store, clock, flights, key: 'k', ttlSeconds: 60, compute, refresh: true });
    const after = await cached({ store, clock, flights, key: 'k', ttlSeconds: 60, compute });
    expect(refreshed).toMatchObject({ value: 2, hit: false });
    expect(after).toMatchObject({ value: 2, hit: true });
  });

  it('shares one computation among concurrent callers', async () => {
    const { clock, store, flights } = setup();
    let calls = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const compute = async () => {
      calls += 1;
      await gate;
      return 'result';
    };
    const runs = Array.from({ length: 50 }, () => cached({ store, clock, flights, key: 'k', ttlSeconds: 60, compute }));
    release();
    const results = await Promise.all(runs);
    expect(calls).toBe(1);
    expect(results.every((result) => result.value === 'result')).toBe(true);
    expect(flights.size).toBe(0);
  });

  it('shares an error without caching it', async () => {
    const { clock, store, flights } = setup();
    let calls = 0;
    const failing = async () => {
      calls += 1;
      await Promise.resolve();
      throw new Error('upstream down');
    };
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => cached({ store, clock, flights, key: 'k', ttlSeconds: 60, compute: failing })));
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(calls).toBe(1);
    const next = await cached({ store, clock, flights, key: 'k', ttlSeconds: 60, compute: async () => 'recovered' });
    expect(next).toMatchObject({ value: 'recovered', hit: false });
  });

  it('does not store with duration 0', async () => {
    const { clock, store, flights } = setup();
    let calls = 0;
    const compute = async () => ++calls;
    await cached({ store, clock, flights, key: 'k', ttlSeconds: 0, compute });
    const second = await cached({ store, clock, flights, key: 'k', ttlSeconds: 0, compute });
    expect(second).toEqual({ value: 2, hit: false });
  });

  it('serves the result when the store fails', async () => {
    const { clock, flights } = setup();
    const broken: Store = Object.assign(new MemoryStore({ clock }), {
      getCache: async () => {
        throw new Error('store offline');
      },
      setCache: async () => {
        throw new Error('store offline');
      },
    });
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (event: string) => warnings.push(event), error: () => {} };
    const result = await cached({ store: broken, clock, flights, logger, key: 'k', ttlSeconds: 60, compute: async () => 'fresh' });
    expect(result).toEqual({ value: 'fresh', hit: false });
    expect(warnings).toEqual(['cache.read_failed', 'cache.write_failed']);
  });
});

describe('cached upstream calls', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ routes: { '/rest/api/2/project': fixtureRoute('jira_v2_project_list_apache_567projects.json') } });
  });

  afterAll(async () => {
    await server.close();
  });

  it('makes one upstream request for 50 concurrent runs', async () => {
    const deps = depsFor([server]);
    const store = new MemoryStore();
    const datasource = datasourceFor(server);
    const key = cacheKey({ siteId: 'site-1', queryId: 'projects', queryVersion: 1, values: {} });
    const before = server.requests.length;

    const runs = Array.from({ length: 50 }, () =>
      cached({ store, clock: deps.clock, key, ttlSeconds: 300, compute: async () => (await sendRequest(deps, datasource, { method: 'GET', path: '/rest/api/2/project' })).json }),
    );
    const results = await Promise.all(runs);

    expect(server.requests.length - before).toBe(1);
    expect(results.every((result) => (result.value as unknown[]).length === 567)).toBe(true);
    const again = await cached({ store, clock: deps.clock, key, ttlSeconds: 300, compute: async () => [] });
    expect(again.hit).toBe(true);
    expect((again.value as unknown[]).length).toBe(567);
  });
});
