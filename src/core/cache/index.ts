// Result caching behind the Store: durations, keys, chunking of large entries
// and sharing one computation among identical concurrent requests.

export { cached } from './cached';
export type { CachedOptions, CachedResult } from './cached';
export { ChunkedCache, MAX_CHUNKS, splitUtf8 } from './chunked';
export type { CacheEntry } from './chunked';
export { describeCacheDurationRule, MAX_CACHE_SECONDS, parseCacheDuration } from './duration';
export { CACHE_KEY_PREFIX, cacheKey } from './key';
export type { CacheKeyParts } from './key';
export { SingleFlight, sharedFlights } from './single-flight';
