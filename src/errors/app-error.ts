// The base of the error family. Every error the app raises on purpose is an
// AppError with a stable code; anything else is a bug and becomes INTERNAL_ERROR
// at the resolver boundary.

import type { ErrorCode, ErrorDetails, WireError } from '../contract/errors';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, options: { hint?: string; details?: ErrorDetails; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? {};
  }

  toWire(): WireError {
    const wire: WireError = { code: this.code, message: this.message };
    if (this.hint) wire.hint = this.hint;
    if (Object.keys(this.details).length > 0) wire.details = this.details;
    return wire;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
