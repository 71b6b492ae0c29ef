// Calls the local host's HTTP invoke endpoint as a script would, without a browser.

import type { ResolverResponse } from '../../src/contract/errors';
import type { PayloadOf, ResolverKey, ResultOf } from '../../src/contract/resolvers';

export const ADMIN = 'local-admin';
export const VIEWER = 'local-viewer';

/** Builds the context the shell sends for a macro on a demo page. */
export function macroContext(pageId = '1001'): Record<string, unknown> {
  return { moduleKey: 'rest-data', locale: 'en-US', timezone: 'UTC', extension: { type: 'macro', content: { id: pageId, type: 'page' }, space: { key: 'DEMO' } } };
}

export async function invoke<K extends ResolverKey>(
  origin: string,
  accountId: string,
  functionKey: K,
  payload: PayloadOf<K>,
  context: Record<string, unknown> = {},
): Promise<ResolverResponse<ResultOf<K>>> {
  const response = await fetch(`${origin}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-account-id': accountId },
    body: JSON.stringify({ functionKey, payload, context }),
  });
  if (response.status !== 200) throw new Error(`invoke ${functionKey} returned HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as ResolverResponse<ResultOf<K>>;
}

/** Unwraps a successful response or fails with the error's code and message. */
export function data<T>(response: ResolverResponse<T>): T {
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.data;
}

export async function demoPage(origin: string, pageId = '1001'): Promise<{ document: { macros: { localId: string; config: { queryId: string; parameters: Record<string, string> } }[] } }> {
  const response = await fetch(`${origin}/api/pages/${pageId}`, { headers: { 'x-local-account-id': VIEWER } });
  return (await response.json()) as never;
}
