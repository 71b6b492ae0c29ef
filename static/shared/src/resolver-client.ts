// The only module that calls `invoke` in the macro view and the configuration
// dialog. Resolvers return a `ResolverResponse` envelope instead of throwing
// across the bridge. This module unwraps it and raises `ResolverError`, so the
// components handle one error type with a stable code.

import { invoke } from '@forge/bridge';
import type { ResolverResponse, WireError } from '../../../src/contract/errors';
import type { PayloadOf, ResultOf, ResolverKey } from '../../../src/contract/resolvers';
import { ResolverError } from './resolver-error';

type MacroKey = 'session/whoami' | 'macro/queries' | 'macro/run' | 'macro/refresh';

/** Calls a macro resolver and returns its data, or throws `ResolverError` with the backend's code. */
export async function callResolver<K extends MacroKey & ResolverKey>(key: K, payload: PayloadOf<K>): Promise<ResultOf<K>> {
  let response: unknown;
  try {
    response = await invoke(key, payload);
  } catch (error) {
    // The bridge itself failed (network, rate limit, resolver crash): there is no
    // envelope and the raw message may hold platform internals, so it is not shown.
    console.error(`Resolver ${key} could not be called`, error);
    throw new ResolverError({ code: 'INTERNAL_ERROR', message: `The app could not reach its backend (${key}).` });
  }

  if (!isEnvelope(response)) {
    console.error(`Resolver ${key} returned no response envelope`, response);
    throw new ResolverError({ code: 'INTERNAL_ERROR', message: `The app backend returned an unexpected response (${key}).` });
  }

  if (!response.ok) throw new ResolverError(response.error);

  return response.data as ResultOf<K>;
}

function isEnvelope(value: unknown): value is ResolverResponse<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;

  const envelope = value as { ok: unknown; error?: Partial<WireError> };
  if (envelope.ok === true) return 'data' in envelope;

  return envelope.ok === false && typeof envelope.error?.code === 'string';
}
