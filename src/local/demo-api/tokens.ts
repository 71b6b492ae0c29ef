// API tokens the demo REST API accepts, one per demo datasource. A token is
// generated at seed time and handed to its datasource through the encrypted
// secret store. The API keeps only the token's SHA-256 digest (in a 0600 file
// of the data directory), so the secret store contains the only readable copy.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoToken {
  /** Name of the datasource the token belongs to, for the API's log. */
  label: string;
  /** Hex SHA-256 of the token. */
  sha256: string;
}

export interface IssuedToken extends DemoToken {
  /** The token itself, which only the seed reads, to store it as the datasource's secret. */
  token: string;
}

export function tokensFile(dataDir: string): string {
  return join(dataDir, 'demo-api-tokens.json');
}

export function createDemoToken(label: string): IssuedToken {
  const token = `pqdemo_${randomBytes(24).toString('base64url')}`;
  return { label, token, sha256: digest(token).toString('hex') };
}

export function saveDemoTokens(dataDir: string, tokens: DemoToken[]): void {
  const stored = tokens.map(({ label, sha256 }) => ({ label, sha256 }));
  writeFileSync(tokensFile(dataDir), JSON.stringify(stored, null, 2), { mode: 0o600 });
}

export function loadDemoTokens(dataDir: string): DemoToken[] {
  const file = tokensFile(dataDir);
  if (!existsSync(file)) return [];

  // Files written before digests were stored hold the token itself: keep
  // accepting it, and rewrite the file with digests only.
  const entries = JSON.parse(readFileSync(file, 'utf8')) as (Partial<IssuedToken> & { label: string })[];
  const tokens = entries.flatMap((entry): DemoToken[] => {
    if (typeof entry.sha256 === 'string') return [{ label: entry.label, sha256: entry.sha256 }];
    if (typeof entry.token === 'string') return [{ label: entry.label, sha256: digest(entry.token).toString('hex') }];
    return [];
  });
  if (entries.some((entry) => entry.token !== undefined)) saveDemoTokens(dataDir, tokens);
  return tokens;
}

/**
 * Returns the label of the token that matches, comparing SHA-256 digests in
 * constant time so the response time does not reveal how much of a token matched.
 */
export function matchToken(presented: string, tokens: DemoToken[]): string | undefined {
  const presentedDigest = digest(presented);
  let label: string | undefined;
  for (const candidate of tokens) {
    const stored = Buffer.from(candidate.sha256, 'hex');
    if (stored.length === presentedDigest.length && timingSafeEqual(presentedDigest, stored)) label = candidate.label;
  }
  return label;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
