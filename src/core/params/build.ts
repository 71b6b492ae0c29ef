// Turning a query, the raw parameter values and the execution context into
// the relative URL and body the REST client sends.

import type { HttpMethod, ParameterDefinition, Query } from '../../contract/entities';
import { AppError, isAppError } from '../../errors/app-error';
import type { Clock, ExecutionContext } from '../ports';
import { encodeForJsonString, encodeForJsonValue, encodeForUrl } from './encode';
import { occurrencesOf, parseBodyTemplate, parseUrlTemplate, type ParameterOccurrence, type TemplatePart } from './parse';
import { checkValue, valueText, type ParameterValue } from './values';
import { describeMissingWildcard, isKnownWildcard, resolveWildcard } from './wildcards';

export type QueryShape = Pick<Query, 'method' | 'url' | 'body' | 'parameters'>;

export interface BuiltRequest {
  method: HttpMethod;
  /** Relative URL with every parameter encoded for its position. */
  path: string;
  /** JSON text with parameters substituted, for POST. */
  body?: string;
  /** Normalized value of every defined or used parameter and used wildcard (`@page.id`), as text. */
  values: Record<string, string>;
  /** The text each value started from: what the author or viewer typed, or the default. */
  originalValues: Record<string, string>;
}

interface Resolved {
  value?: ParameterValue;
  original?: string;
}

/**
 * Builds the request for a query. Raw values for `@` names are ignored, because
 * wildcards come only from the context. Throws PARAMETER_MISSING or
 * PARAMETER_INVALID naming the first bad parameter; `details.problems` lists all.
 */
export function buildRequest(query: QueryShape, rawValues: Record<string, string>, context: ExecutionContext, clock: Clock): BuiltRequest {
  const urlParts = parseUrlTemplate(query.url);
  const bodyParts = query.method === 'POST' && query.body ? parseBodyTemplate(query.body) : undefined;
  const occurrences = [...occurrencesOf(urlParts), ...(bodyParts ? occurrencesOf(bodyParts) : [])];

  const errors: AppError[] = [];
  const resolved = new Map<string, Resolved>();
  const collect = (name: string, resolve: () => Resolved) => {
    try {
      resolved.set(name, resolve());
    } catch (error) {
      if (!isAppError(error)) throw error;
      errors.push(error);
      resolved.set(name, {});
    }
  };

  for (const definition of query.parameters) {
    collect(definition.name, () => resolveDefined(definition, rawValues[definition.name], isUsedInPath(definition.name, occurrences)));
  }
  for (const occurrence of occurrences) {
    if (resolved.has(occurrence.name)) continue;
    if (occurrence.isWildcard) collect(occurrence.name, () => resolveContextWildcard(occurrence.name, context, clock));
    else collect(occurrence.name, () => resolveDefined(implicitDefinition(occurrence.name), rawValues[occurrence.name], isUsedInPath(occurrence.name, occurrences), false));
  }

  let path = '';
  let body: string | undefined;
  if (errors.length === 0) {
    path = assemble(urlParts, (occurrence, quoted) => encodeUrlOccurrence(occurrence, resolved.get(occurrence.name), quoted), errors);
    if (bodyParts) body = assemble(bodyParts, (occurrence, quoted) => encodeBodyOccurrence(occurrence, resolved.get(occurrence.name), quoted), errors);
  }
  if (errors.length > 0) throw combine(errors);

  const values: Record<string, string> = {};
  const originalValues: Record<string, string> = {};
  for (const [name, entry] of resolved) {
    values[name] = entry.value ? valueText(entry.value) : '';
    originalValues[name] = entry.original ?? '';
  }

  return body === undefined ? { method: query.method, path, values, originalValues } : { method: query.method, path, body, values, originalValues };
}

function implicitDefinition(name: string): ParameterDefinition {
  return { name, type: 'string', required: true, description: '', viewerEditable: false };
}

function isUsedInPath(name: string, occurrences: ParameterOccurrence[]): boolean {
  return occurrences.some((occurrence) => occurrence.name === name && occurrence.position === 'path');
}

/** `isDeclared` is false for a `:name` the query uses without defining it, so the hint can say to define it. */
function resolveDefined(definition: ParameterDefinition, raw: string | undefined, neededInPath: boolean, isDeclared = true): Resolved {
  const original = raw ?? definition.default;
  const isAbsent = original === undefined || (original.trim() === '' && definition.type !== 'string') || (original === '' && neededInPath);

  if (isAbsent) {
    if (!definition.required && !neededInPath) return { original };
    const where = neededInPath ? ' It is part of the URL path, so it cannot be empty.' : '';
    throw new AppError('PARAMETER_MISSING', `Parameter "${definition.name}" needs a value.${where}`, {
      hint: isDeclared
        ? `Enter a value for "${definition.name}" in the macro, or give the parameter a default in the query.`
        : `Enter a value for "${definition.name}" in the macro, or define ":${definition.name}" with a default in the query's parameters.`,
      details: { stage: 'parameters', field: definition.name },
    });
  }

  return { value: checkValue(definition, original), original };
}

function resolveContextWildcard(name: string, context: ExecutionContext, clock: Clock): Resolved {
  if (!isKnownWildcard(name)) {
    throw new AppError('PARAMETER_INVALID', `The wildcard ":${name}" does not exist.`, {
      hint: 'Use one of :@space.key, :@space.id, :@page.id, :@page.title, :@user.accountId or :@date.today.',
      details: { stage: 'parameters', field: name },
    });
  }

  const text = resolveWildcard(name, context, clock);
  if (text === undefined || text === '') {
    throw new AppError('PARAMETER_MISSING', `The wildcard ":${name}" has no value here because ${describeMissingWildcard(name)}.`, {
      hint: 'Use the macro on a page where this value exists, or replace the wildcard with a parameter that has a default.',
      details: { stage: 'parameters', field: name },
    });
  }

  return { value: checkValue({ name, type: 'string' }, text), original: text };
}

type Encoder = (occurrence: ParameterOccurrence, quoted: boolean) => string;

function assemble(parts: TemplatePart[], encode: Encoder, errors: AppError[]): string {
  let output = '';
  for (const [index, part] of parts.entries()) {
    if ('literal' in part) {
      output += part.literal;
      continue;
    }
    const before = parts[index - 1];
    const after = parts[index + 1];
    const quoted = isQuoted(before, after, part.parameter.position === 'body-string');
    try {
      output += encode(part.parameter, quoted);
    } catch (error) {
      if (!isAppError(error)) throw error;
      errors.push(error);
    }
  }
  return output;
}

function isQuoted(before: TemplatePart | undefined, after: TemplatePart | undefined, insideJsonString: boolean): boolean {
  const previous = before && 'literal' in before ? before.literal : '';
  const next = after && 'literal' in after ? after.literal : '';
  if (insideJsonString) return previous.endsWith('\\"') && next.startsWith('\\"');
  return /("|%22)$/i.test(previous) && /^("|%22)/i.test(next);
}

function encodeUrlOccurrence(occurrence: ParameterOccurrence, entry: Resolved | undefined, quoted: boolean): string {
  if (occurrence.position === 'fragment') {
    throw new AppError('PARAMETER_INVALID', `Parameter "${occurrence.name}" sits after "#" in the URL, and the fragment is never sent to the server.`, {
      hint: 'Move the parameter into the path or the query string of the query URL.',
      details: { stage: 'parameters', field: occurrence.name },
    });
  }

  const position = occurrence.position === 'path' ? 'path' : 'query';
  if (!entry?.value) return '';
  return encodeForUrl(entry.value, position, { name: occurrence.name, quoted });
}

function encodeBodyOccurrence(occurrence: ParameterOccurrence, entry: Resolved | undefined, quoted: boolean): string {
  if (occurrence.position === 'body-string') return encodeForJsonString(entry?.value, { name: occurrence.name, quoted });
  return encodeForJsonValue(entry?.value);
}

function combine(errors: AppError[]): AppError {
  const [first] = errors as [AppError, ...AppError[]];
  if (errors.length === 1) return first;

  const problems = errors.map((error) => ({ field: error.details.field ?? '', message: error.message }));
  return new AppError(first.code, `${first.message} (${errors.length - 1} more parameter problem${errors.length > 2 ? 's' : ''})`, {
    hint: first.hint,
    details: { ...first.details, problems },
  });
}
