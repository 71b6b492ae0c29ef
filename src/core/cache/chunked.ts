// Cache entries of any size on a Store whose values are capped
// (`maxValueBytes`, 240 KiB on Forge). A small entry is stored inline; a
// larger one is split into chunk entries and a head entry that lists them.
// Chunks carry a random write id, so two concurrent writers never mix their
// chunks: a reader sees one complete entry or a miss.

import type { Store } from '../store/types';

export interface CacheEntry {
  value: string;
  /** ISO timestamps. */
  storedAt: string;
  expiresAt: string;
}

/** Beyond this many chunks (about 15 MiB on Forge) an entry is not cached at all. */
export const MAX_CHUNKS = 64;

const HEAD_FORMAT = 'pqc1';

interface Head {
  storedAt: string;
  expiresAt: string;
  chunks: number;
  writeId: string;
}

function utf8Bytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** Splits text into pieces of at most `maxBytes` UTF-8 bytes without cutting a character. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let bytes = 0;
  let index = 0;
  while (index < text.length) {
    const codePoint = text.codePointAt(index) as number;
    const width = utf8Bytes(codePoint);
    const units = codePoint > 0xffff ? 2 : 1;
    if (bytes + width > maxBytes) {
      pieces.push(text.slice(start, index));
      start = index;
      bytes = 0;
    }
    bytes += width;
    index += units;
  }
  pieces.push(text.slice(start));
  return pieces;
}

function chunkKey(key: string, writeId: string, index: number): string {
  return `${key}:${writeId}:${index}`;
}

function formatHead(head: Head): string {
  return `${HEAD_FORMAT} ${head.storedAt} ${head.expiresAt} ${head.chunks} ${head.writeId}\n`;
}

function parseHead(text: string): { head: Head; inline: string } | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  const [format, storedAt, expiresAt, chunks, writeId] = text.slice(0, newline).split(' ');
  if (format !== HEAD_FORMAT || !storedAt || !expiresAt || !writeId || !/^\d+$/.test(chunks ?? '')) return undefined;
  return { head: { storedAt, expiresAt, chunks: Number(chunks), writeId }, inline: text.slice(newline + 1) };
}

function randomWriteId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}

export class ChunkedCache {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  async get(key: string): Promise<CacheEntry | undefined> {
    const raw = await this.store.getCache(key);
    if (raw === undefined) return undefined;
    const parsed = parseHead(raw);
    if (!parsed) return undefined;

    const { head, inline } = parsed;
    if (Date.parse(head.expiresAt) <= this.now()) return undefined;
    if (head.chunks === 0) return { value: inline, storedAt: head.storedAt, expiresAt: head.expiresAt };

    const pieces = await Promise.all(Array.from({ length: head.chunks }, (_, index) => this.store.getCache(chunkKey(key, head.writeId, index))));
    // A chunk that expired or was evicted first makes the whole entry a miss.
    if (pieces.some((piece) => piece === undefined)) return undefined;
    return { value: pieces.join(''), storedAt: head.storedAt, expiresAt: head.expiresAt };
  }

  /** Stores a value for `ttlSeconds` and returns the entry; returns undefined, storing nothing, when it needs more than MAX_CHUNKS chunks or the TTL is 0. */
  async set(key: string, value: string, ttlSeconds: number): Promise<CacheEntry | undefined> {
    if (!(ttlSeconds > 0)) return undefined;

    const now = this.now();
    const storedAt = new Date(now).toISOString();
    const expiresAt = new Date(now + ttlSeconds * 1000).toISOString();
    const writeId = randomWriteId();
    const inlineHead = formatHead({ storedAt, expiresAt, chunks: 0, writeId });
    const headBytes = new TextEncoder().encode(inlineHead).length + 8;

    if (new TextEncoder().encode(value).length + headBytes <= this.store.maxValueBytes) {
      await this.store.setCache(key, inlineHead + value, ttlSeconds);
      return { value, storedAt, expiresAt };
    }

    const pieces = splitUtf8(value, this.store.maxValueBytes);
    if (pieces.length > MAX_CHUNKS) return undefined;

    // Chunks first, head last: a reader never finds a head whose chunks are not all written.
    await Promise.all(pieces.map((piece, index) => this.store.setCache(chunkKey(key, writeId, index), piece, ttlSeconds)));
    await this.store.setCache(key, formatHead({ storedAt, expiresAt, chunks: pieces.length, writeId }), ttlSeconds);
    return { value, storedAt, expiresAt };
  }

  /** Deletes the head; orphaned chunks expire with their time to live. */
  async delete(key: string): Promise<void> {
    const raw = await this.store.getCache(key);
    await this.store.deleteCache(key);
    const parsed = raw === undefined ? undefined : parseHead(raw);
    if (parsed && parsed.head.chunks > 0) {
      await Promise.all(Array.from({ length: parsed.head.chunks }, (_, index) => this.store.deleteCache(chunkKey(key, parsed.head.writeId, index))));
    }
  }
}
