// Assertions on the error envelope: a stable code, a message that names the
// offending value, and a hint (or a message) with the next step.

import { expect } from 'vitest';

import type { ErrorCode, ResolverResponse, WireError } from '../../../src/contract/errors';

/** Words that show a message or hint gives the reader a next step. */
const ACTION_WORDS = /\b(use|enter|add|remove|ask|check|fix|set|select|pick|try|reload|open|shorten|change|write|send|make|replace|encode|give|wait|reduce|lower|return|install|contact|split|avoid|rename|save|import|delete|paste|allow|keep|define|call|choose|limit|close|render|include|let|create|grant|reload|restart|wait)\b/i;

/** Returns the wire error of a failed call, failing the test when the call succeeded. */
export function errorOf<T>(response: ResolverResponse<T>): WireError {
  if (response.ok) throw new Error(`Expected an error envelope, got data: ${JSON.stringify(response.data).slice(0, 300)}`);
  return response.error;
}

/**
 * Asserts the code, that the message (or the listed problems) mentions every
 * fragment, and that the error says what to do. Returns the error for more checks.
 */
export function expectError<T>(response: ResolverResponse<T>, code: ErrorCode, ...fragments: string[]): WireError {
  const error = errorOf(response);
  expect(error.code, JSON.stringify(error)).toBe(code);

  const text = describe(error);
  for (const fragment of fragments) expect(text, `error text should name ${JSON.stringify(fragment)}`).toContain(fragment);
  expect(`${error.hint ?? ''} ${text}`, `error should say what to do: ${JSON.stringify(error)}`).toMatch(ACTION_WORDS);
  return error;
}

/** The message with every listed problem, as one searchable text. */
export function describe(error: WireError): string {
  const problems = error.details?.problems?.map((problem) => `${problem.field}: ${problem.message}`) ?? [];
  return [error.message, ...problems].join('\n');
}
