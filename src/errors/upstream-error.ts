// Errors of an outbound request: refused before sending, failed in transport,
// or rejected by the upstream with an error status. The message and details are safe to show
// to an admin: no credentials, no secret values, no raw stack traces.

import type { ErrorCode, ErrorDetails } from '../contract/errors';
import { AppError } from './app-error';

export class UpstreamError extends AppError {
  constructor(code: ErrorCode, message: string, options: { hint?: string; details?: ErrorDetails; cause?: unknown } = {}) {
    super(code, message, { ...options, details: { stage: 'fetch', ...options.details } });
    this.name = 'UpstreamError';
  }

  /** HTTP status of the upstream response, when there was one. */
  get status(): number | undefined {
    return this.details.status;
  }
}

export function isUpstreamError(value: unknown): value is UpstreamError {
  return value instanceof UpstreamError;
}
