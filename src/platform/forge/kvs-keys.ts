// Storage key layout on Forge's key-value store. Keys allow only
// [A-Za-z0-9:._ -#] and 500 characters, so ids and cache keys are mapped into
// that alphabet first.

import { createHash } from 'node:crypto';

import type { RecordKind } from '../../core/store/types';

export const RECORD_PREFIX = 'rec:';
export const CACHE_PREFIX = 'cache:';
/** Custom entity that guards record versions; declared under app.storage.entities in manifest.yml. */
export const VERSION_ENTITY = 'record-version';

export function recordPrefix(kind: RecordKind): string {
  return `${RECORD_PREFIX}${kind}:`;
}

export function recordKey(kind: RecordKind, id: string): string {
  return `${recordPrefix(kind)}${encodeKeyPart(id)}`;
}

export function versionKey(kind: RecordKind, id: string): string {
  return `${kind}:${encodeKeyPart(id)}`;
}

export function idFromRecordKey(kind: RecordKind, key: string): string {
  return decodeKeyPart(key.slice(recordPrefix(kind).length));
}

/** Cache keys can hold anything (URLs, parameter values), so they are hashed. */
export function cacheHeadKey(key: string): string {
  return `${CACHE_PREFIX}${createHash('sha256').update(key).digest('hex')}`;
}

export function cacheChunkKey(headKey: string, generation: string, index: number): string {
  return `${headKey}:${generation}:${index}`;
}

/** Secret keys are ours (`secret:<datasource>:<name>`); the mapping only guards odd ids. */
export function secretKey(key: string): string {
  return encodeKeyPart(key);
}

// Characters outside the safe set become `#` plus four hex digits. `#` itself
// is escaped, so the mapping is reversible; ids made of [A-Za-z0-9._:-] are
// stored as they are and keep their sort order.
function encodeKeyPart(part: string): string {
  return part.replace(/[^A-Za-z0-9._:-]/g, (char) => `#${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function decodeKeyPart(part: string): string {
  return part.replace(/#([0-9a-f]{4})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
