// Encoding a checked value for the place it lands in. Every character that
// could end the value's position (`/`, `?`, `&`, `#`, `=`, quotes in JSON) is
// encoded, so a value can neither add a query parameter nor change the host
// or path.

import { AppError } from '../../errors/app-error';
import type { ParameterPosition } from './parse';
import { describeValue, type ParameterValue } from './values';

export interface EncodeOptions {
  name: string;
  /**
   * Set when the template wraps the parameter in double quotes (`"…"` or
   * `%22…%22`), as in JQL `project = ":key"`. The value's own quotes and
   * backslashes are then escaped with a backslash so it cannot close the quoted string.
   */
  quoted: boolean;
}

function rejected(name: string, raw: string, reason: string, hint: string): AppError {
  return new AppError('PARAMETER_INVALID', `Parameter "${name}" has the value ${describeValue(raw)}, which ${reason}.`, {
    hint,
    details: { stage: 'parameters', field: name, value: raw.slice(0, 200) },
  });
}

function escapeQuoted(text: string): string {
  return text.replace(/[\\"]/g, (char) => `\\${char}`);
}

function encodeComponent(name: string, text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw rejected(name, text, 'contains an unpaired UTF-16 surrogate', 'Remove the broken character from the value.');
  }
}

/** Encodes a value for a URL path segment or query string. */
export function encodeForUrl(value: ParameterValue, position: Extract<ParameterPosition, 'path' | 'query'>, options: EncodeOptions): string {
  const { name, quoted } = options;
  const items = value.type === 'list' ? value.items : [value.text];
  const prepared = items.map((item) => (quoted ? escapeQuoted(item) : item));

  if (position === 'path') {
    const joined = prepared.join(',');
    if (joined === '') {
      throw rejected(name, joined, 'is empty, but it sits in the URL path', `Enter a value for "${name}": an empty path segment changes which resource is requested.`);
    }
    if (joined === '.' || joined === '..') {
      throw rejected(name, joined, 'would move up or stay in the URL path', `Enter a real name or id for "${name}"; "." and ".." are not allowed in a path.`);
    }
  }

  return prepared.map((item) => encodeComponent(name, item)).join(',');
}

/** Encodes a value as a whole JSON value (`{"max": :limit}`). A missing optional value becomes `null`. */
export function encodeForJsonValue(value: ParameterValue | undefined): string {
  if (value === undefined) return 'null';

  switch (value.type) {
    case 'integer':
    case 'number':
    case 'boolean':
      return value.text;
    case 'list':
      return JSON.stringify(value.items);
    default:
      return JSON.stringify(value.text);
  }
}

/** Encodes a value for the inside of a JSON string (`{"jql": "project = :key"}`). */
export function encodeForJsonString(value: ParameterValue | undefined, options: EncodeOptions): string {
  if (value === undefined) return '';

  const text = value.type === 'list' ? value.items.join(',') : value.text;
  const prepared = options.quoted ? escapeQuoted(text) : text;
  return JSON.stringify(prepared).slice(1, -1);
}
