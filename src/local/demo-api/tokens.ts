// API tokens the demo REST API accepts, one per demo datasource. They are
// generated at seed time, given to the datasource through the encrypted secret
// store, and kept for the API in a 0600 file of the data directory.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoToken {
  /** Which datasource holds it, for the API's log. */
  label: string;
  token: string;
}

export function tokensFile(dataDir: string): string {
  return join(dataDir, 'demo-api-tokens.json');
}

export function createDemoToken(label: string): DemoToken {
  return { label, token: `pqdemo_${randomBytes(24).toString('base64url')}` };
}

export function saveDemoTokens(dataDir: string, tokens: DemoToken[]): void {
  writeFileSync(tokensFile(dataDir), JSON.stringify(tokens, null, 2), { mode: 0o600 });
}

export function loadDemoTokens(dataDir: string): DemoToken[] {
  const file = tokensFile(dataDir);
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')) as DemoToken[];
}

/**
 * Returns the label of the token that matches, comparing SHA-256 digests in
 * constant time so the response time does not leak how much of a token matched.
 */
export function matchToken(presented: string, tokens: DemoToken[]): string | undefined {
  const presentedDigest = createHash('sha256').update(presented).digest();
  let label: string | undefined;
  for (const candidate of tokens) {
    const digest = createHash('sha256').update(candidate.token).digest();
    if (timingSafeEqual(presentedDigest, digest)) label = candidate.label;
  }
  return label;
}
