// Cache entries on Forge's key-value store. A value is at most 240 KiB of
// UTF-8, but KVS measures the stored JSON, where escaping can make a string
// several times longer, so values are split into chunks of at most
// CHUNK_CHARS characters. The head item names a random generation and its
// chunk count, and a writer writes new chunk keys before the head, so a reader
// never mixes chunks of two writes. Old chunks expire with their TTL.
//
// Expiry is checked here against the injected clock because KVS may keep
// returning an expired value for up to 48 hours after its TTL.

import { randomUUID } from 'node:crypto';

import { kvs } from '@forge/kvs';

import type { Clock } from '../../core/ports';
import { AppError } from '../../errors/app-error';
import { cacheChunkKey, cacheHeadKey } from './kvs-keys';

/** Same limit as Forge's per-value limit, measured on the caller's string. */
export const CACHE_MAX_VALUE_BYTES = 240 * 1024;
/** With the worst escaping (6 characters per control character) a chunk stays under 240 KiB of JSON. */
const CHUNK_CHARS = 32 * 1024;
/** KVS accepts a TTL of up to one year. */
const MAX_TTL_SECONDS = 365 * 24 * 3600;

interface CacheHead {
  expiresAt: number;
  /** Inline value when it fits in one chunk. */
  value?: string;
  generation?: string;
  chunks?: number;
}

export class KvsCache {
  readonly maxValueBytes = CACHE_MAX_VALUE_BYTES;

  constructor(private readonly clock: Clock) {}

  async get(key: string): Promise<string | undefined> {
    const headKey = cacheHeadKey(key);
    const head = await kvs.get<CacheHead>(headKey);
    if (!head || head.expiresAt <= this.clock.now()) return undefined;
    if (head.value !== undefined) return head.value;
    if (!head.generation || !head.chunks) return undefined;

    const parts: string[] = [];
    for (let index = 0; index < head.chunks; index++) {
      const part = await kvs.get<string>(cacheChunkKey(headKey, head.generation, index));
      // A chunk that expired before its head means the entry is gone.
      if (part === undefined) return undefined;
      parts.push(part);
    }
    return parts.join('');
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > this.maxValueBytes) {
      throw new AppError('TOO_LARGE', `The cache entry is ${bytes} bytes; the limit is ${this.maxValueBytes}.`, {
        details: { limit: { name: 'maxValueBytes', value: this.maxValueBytes } },
      });
    }

    const ttl = { value: Math.min(Math.max(Math.ceil(ttlSeconds), 1), MAX_TTL_SECONDS), unit: 'SECONDS' as const };
    const expiresAt = this.clock.now() + ttlSeconds * 1000;
    const headKey = cacheHeadKey(key);

    if (value.length <= CHUNK_CHARS) {
      await kvs.set<CacheHead>(headKey, { expiresAt, value }, { ttl });
      return;
    }

    const generation = randomUUID().replace(/-/g, '');
    const chunks = splitIntoChunks(value);
    const transaction = kvs.transact();
    chunks.forEach((chunk, index) => transaction.set(cacheChunkKey(headKey, generation, index), chunk, undefined, { ttl }));
    await transaction.execute();
    await kvs.set<CacheHead>(headKey, { expiresAt, generation, chunks: chunks.length }, { ttl });
  }

  async delete(key: string): Promise<void> {
    await kvs.delete(cacheHeadKey(key));
  }
}

// Splits on code point boundaries so no chunk ends in half a surrogate pair.
function splitIntoChunks(value: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < value.length) {
    let end = Math.min(start + CHUNK_CHARS, value.length);
    const last = value.charCodeAt(end - 1);
    if (end < value.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(value.slice(start, end));
    start = end;
  }
  return chunks;
}
