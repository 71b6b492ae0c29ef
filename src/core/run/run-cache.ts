// Cache of converted results. The key covers everything the converted data
// depends on: the site, the query, datasource and converter versions, and the
// exact request sent. Templates are not part of the key, so a template edit
// shows at once. Entries larger than the store's value limit are not cached.

import { createHash } from 'node:crypto';
import type { EngineName } from '../../contract/run';
import type { Store } from '../store/types';

export interface CachedConversion {
  storedAt: string;
  expiresAt: string;
  converted: unknown;
  engine: EngineName;
  fetchMs: number;
  convertMs: number;
  warnings: { code: string; message: string }[];
}

export interface CacheKeyParts {
  siteId: string;
  queryId: string;
  queryVersion: number;
  datasourceId: string;
  datasourceVersion: number;
  converterId?: string;
  converterVersion?: number;
  method: string;
  path: string;
  body?: string;
}

export function cacheKey(parts: CacheKeyParts): string {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
  return `run:${digest}`;
}

export async function readCache(store: Store, key: string): Promise<CachedConversion | undefined> {
  const text = await store.getCache(key);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as CachedConversion;
  } catch {
    // A corrupt entry is a miss; the next store overwrites it.
    return undefined;
  }
}

/** Stores the entry and reports whether it fit. */
export async function writeCache(store: Store, key: string, entry: CachedConversion, ttlSeconds: number): Promise<boolean> {
  const text = JSON.stringify(entry);
  // TODO: chunk entries above maxValueBytes instead of skipping them.
  if (Buffer.byteLength(text, 'utf8') > store.maxValueBytes) return false;
  await store.setCache(key, text, ttlSeconds);
  return true;
}
