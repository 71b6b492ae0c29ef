// Cache keys. A key covers everything a cached result depends on, hashed so
// that parameter values (which may be personal, like an account id) never
// appear in a storage key. Secrets are not an input, so they cannot leak
// into a key.

import { createHash } from 'node:crypto';

export interface CacheKeyParts {
  /** Partition: one Confluence site never reads another's entries. */
  siteId: string;
  queryId: string;
  queryVersion: number;
  datasourceVersion?: number;
  converterVersion?: number;
  /** Leave out when the cached value is converted data that is rendered on every run. */
  templateVersion?: number;
  /** Normalized parameter values, wildcards included (`@page.id`). Key order does not matter. */
  values: Record<string, string>;
}

export const CACHE_KEY_PREFIX = 'pq-cache:';

export function cacheKey(parts: CacheKeyParts): string {
  const names = Object.keys(parts.values).sort();
  const values = Object.fromEntries(names.map((name) => [name, parts.values[name]]));
  const canonical = JSON.stringify([
    parts.siteId,
    parts.queryId,
    parts.queryVersion,
    parts.datasourceVersion ?? null,
    parts.converterVersion ?? null,
    parts.templateVersion ?? null,
    values,
  ]);
  return `${CACHE_KEY_PREFIX}${createHash('sha256').update(canonical).digest('hex')}`;
}
