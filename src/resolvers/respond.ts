// Maps an action's outcome to the response envelope. An AppError goes back as
// its wire form. Anything else is a bug: it is logged with the ids needed to
// find it, and the caller gets only a generic INTERNAL_ERROR.

import type { ResolverResponse, WireError } from '../contract/errors';
import type { Logger } from '../core/ports';
import { isAppError } from '../errors/app-error';

export interface FailureContext {
  key: string;
  requestId: string;
  siteId?: string;
  accountId?: string;
}

export function success<T>(data: T): ResolverResponse<T> {
  return { ok: true, data };
}

export function failure(error: unknown, context: FailureContext, logger: Logger | undefined): ResolverResponse<never> {
  if (isAppError(error)) {
    // Expected outcomes (bad input, no permission, upstream down) get one
    // line with the code, never the message, which can quote user input.
    logger?.info('resolver.rejected', { key: context.key, code: error.code, requestId: context.requestId, siteId: context.siteId, accountId: context.accountId });
    return { ok: false, error: error.toWire() };
  }

  (logger ?? consoleFallback).error('resolver.unexpected_error', {
    key: context.key,
    requestId: context.requestId,
    siteId: context.siteId,
    accountId: context.accountId,
    errorName: error instanceof Error ? error.name : typeof error,
    errorMessage: error instanceof Error ? redact(error.message) : undefined,
  });
  return { ok: false, error: internalError(context.requestId) };
}

export function internalError(requestId: string): WireError {
  return {
    code: 'INTERNAL_ERROR',
    message: `Something went wrong in the app (reference ${requestId}).`,
    hint: 'Try again. If it keeps happening, give the reference to your Confluence administrator; it identifies the entry in the app logs.',
  };
}

// Error messages of bugs rarely carry secrets, but a library error can quote a
// URL with credentials or an Authorization header, so both are masked and the
// length is capped before the message reaches the log.
export function redact(message: string): string {
  return message
    .replace(/\/\/[^/\s:@]+:[^/\s@]+@/g, '//***:***@')
    .replace(/\b(bearer|basic)\s+[^\s"',;]+/gi, '$1 ***')
    .replace(/\b(authorization|token|password|passwd|secret|api[-_]?key)\b(["'\s:=]+)(?!(?:bearer|basic)\s)[^\s"',;]+/gi, '$1$2***')
    .slice(0, 300);
}

const consoleFallback: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: (event, fields) => console.error(JSON.stringify({ level: 'error', event, ...fields })),
};
