// The cache flow for one result: read unless refreshing, otherwise compute
// once for all identical concurrent callers and store the result for the
// query's duration. A cache read or write that fails is logged and skipped,
// so only the computation itself can fail the request.

import type { Clock, Logger } from '../ports';
import type { Store } from '../store/types';
import { ChunkedCache } from './chunked';
import { sharedFlights, type SingleFlight } from './single-flight';

export interface CachedOptions<T> {
  store: Store;
  clock: Clock;
  key: string;
  ttlSeconds: number;
  /** Skips the read and stores a fresh result. */
  refresh?: boolean;
  compute: () => Promise<T>;
  /** Defaults to JSON. */
  serialize?: (value: T) => string;
  deserialize?: (text: string) => T;
  flights?: SingleFlight;
  logger?: Logger;
}

export interface CachedResult<T> {
  value: T;
  hit: boolean;
  storedAt?: string;
  expiresAt?: string;
}

export async function cached<T>(options: CachedOptions<T>): Promise<CachedResult<T>> {
  const { store, clock, key, ttlSeconds, logger } = options;
  const serialize = options.serialize ?? ((value: T) => JSON.stringify(value));
  const deserialize = options.deserialize ?? ((text: string) => JSON.parse(text) as T);
  const flights = options.flights ?? sharedFlights;
  const cache = new ChunkedCache(store, () => clock.now());

  if (!(ttlSeconds > 0)) {
    return { value: await flights.run(`${key}#uncached`, options.compute), hit: false };
  }

  if (!options.refresh) {
    try {
      const entry = await cache.get(key);
      if (entry) return { value: deserialize(entry.value), hit: true, storedAt: entry.storedAt, expiresAt: entry.expiresAt };
    } catch (error) {
      logger?.warn('cache.read_failed', { reason: error instanceof Error ? error.name : 'unknown' });
    }
  }

  // A refresh gets its own flight: it must not return a computation that started before the refresh was asked for.
  const flightKey = options.refresh ? `${key}#refresh` : key;
  return flights.run(flightKey, async () => {
    const value = await options.compute();
    try {
      const entry = await cache.set(key, serialize(value), ttlSeconds);
      if (entry) return { value, hit: false, storedAt: entry.storedAt, expiresAt: entry.expiresAt };
      logger?.warn('cache.entry_too_large', { ttlSeconds });
    } catch (error) {
      logger?.warn('cache.write_failed', { reason: error instanceof Error ? error.name : 'unknown' });
    }
    return { value, hit: false };
  });
}
