import type { WireError } from '../../../src/contract/errors';

/** A failed resolver call, carrying the backend's stable code and safe details. */
export class ResolverError extends Error {
  readonly wire: WireError;

  constructor(wire: WireError) {
    super(wire.message);
    this.name = 'ResolverError';
    this.wire = wire;
  }
}

/** Turns anything thrown into a `WireError`; unknown errors become `INTERNAL_ERROR` and are logged, not shown. */
export function toWireError(error: unknown): WireError {
  if (error instanceof ResolverError) return error.wire;

  console.error('Unexpected error in the macro', error);
  return { code: 'INTERNAL_ERROR', message: 'Something went wrong while showing this data.' };
}
