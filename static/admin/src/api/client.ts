// The only module of the admin page that talks to the backend. Every resolver
// returns a ResolverResponse envelope; this unwraps it, so callers get the
// result or a ResolverError carrying the stable error code.

import { invoke } from '@forge/bridge';
import type { ResolverResponse, WireError } from '../../../../src/contract/errors';
import type { PayloadOf, ResolverKey, ResultOf } from '../../../../src/contract/resolvers';

export class ResolverError extends Error {
  readonly wire: WireError;

  constructor(wire: WireError) {
    super(wire.message);
    this.name = 'ResolverError';
    this.wire = wire;
  }
}

function isEnvelope(value: unknown): value is ResolverResponse<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** Calls one resolver and returns its data, or throws ResolverError with the backend's code. */
export async function call<K extends ResolverKey>(key: K, payload: PayloadOf<K>): Promise<ResultOf<K>> {
  let reply: unknown;
  try {
    reply = await invoke(key, payload as Record<string, unknown>);
  } catch {
    // The bridge failed before the resolver ran (network, rate limit, host not ready).
    throw new ResolverError({
      code: 'INTERNAL_ERROR',
      message: `The call to ${key} did not reach the app's backend.`,
    });
  }

  if (!isEnvelope(reply)) {
    throw new ResolverError({ code: 'INTERNAL_ERROR', message: `The backend sent an unreadable reply to ${key}.` });
  }
  if (!reply.ok) throw new ResolverError(reply.error);
  return reply.data as ResultOf<K>;
}

/** Extracts the wire error from a thrown value. Anything that is not a ResolverError becomes INTERNAL_ERROR. */
export function toWireError(error: unknown): WireError {
  if (error instanceof ResolverError) return error.wire;
  return { code: 'INTERNAL_ERROR', message: 'Something went wrong in the admin page.' };
}
