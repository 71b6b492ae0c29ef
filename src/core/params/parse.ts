// Finding `:name` parameters in a query's URL and JSON body, with
// PocketQuery's syntax. A name starts with a letter and continues with
// letters, digits or underscores. `:@space.key` and the other `:@` names are
// context wildcards, and `::` is a literal colon. A colon followed by
// anything else (`10:30`, `https://`) is plain text.

export type ParameterPosition = 'path' | 'query' | 'body' | 'body-string' | 'fragment';

export interface ParameterOccurrence {
  /** Name as written without the colon, e.g. `project` or `@space.key`. */
  name: string;
  /** Offset of the colon in the source text. */
  start: number;
  /** Offset just past the name. */
  end: number;
  position: ParameterPosition;
  isWildcard: boolean;
}

/** A piece of a template: literal text or a parameter. Literal text has `::` already turned into `:`. */
export type TemplatePart = { literal: string } | { parameter: ParameterOccurrence };

const NAME_START = /[A-Za-z]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const WILDCARD = /^@[a-z]+\.[A-Za-z]+/;

/** Reads a parameter name starting at `index` (just past the colon), or returns undefined. */
function readName(text: string, index: number): string | undefined {
  const wildcard = WILDCARD.exec(text.slice(index, index + 40));
  if (wildcard) return wildcard[0];

  const first = text[index];
  if (first === undefined || !NAME_START.test(first)) return undefined;
  let end = index + 1;
  while (end < text.length && NAME_CHAR.test(text[end] as string)) end += 1;
  return text.slice(index, end);
}

/**
 * Splits a relative URL into literal text and parameters, marking each
 * parameter with the URL part it sits in.
 */
export function parseUrlTemplate(url: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let position: ParameterPosition = 'path';
  let index = 0;

  while (index < url.length) {
    const char = url[index] as string;
    if (char === '?' && position === 'path') position = 'query';
    if (char === '#') position = 'fragment';

    if (char !== ':') {
      literal += char;
      index += 1;
      continue;
    }

    if (url[index + 1] === ':') {
      literal += ':';
      index += 2;
      continue;
    }

    const name = readName(url, index + 1);
    if (name === undefined) {
      literal += char;
      index += 1;
      continue;
    }

    if (literal) parts.push({ literal });
    literal = '';
    const end = index + 1 + name.length;
    parts.push({ parameter: { name, start: index, end, position, isWildcard: name.startsWith('@') } });
    index = end;
  }

  if (literal) parts.push({ literal });
  return parts;
}

/**
 * Splits a JSON body template into literal text and parameters. Outside JSON
 * strings a parameter stands for a whole value (`{"max": :limit}`); a colon
 * right after a key is JSON's own separator. Inside strings the URL rules
 * apply, `::` included.
 */
export function parseBodyTemplate(body: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let inString = false;
  let lastSignificant = '';
  let index = 0;

  while (index < body.length) {
    const char = body[index] as string;

    if (inString && char === '\\') {
      literal += body.slice(index, index + 2);
      index += 2;
      continue;
    }

    if (char === '"') {
      inString = !inString;
      literal += char;
      lastSignificant = char;
      index += 1;
      continue;
    }

    if (char !== ':') {
      literal += char;
      if (!/\s/.test(char)) lastSignificant = char;
      index += 1;
      continue;
    }

    if (inString && body[index + 1] === ':') {
      literal += ':';
      index += 2;
      continue;
    }

    // Outside strings, a colon after a closing quote separates key and value.
    const isSeparator = !inString && lastSignificant === '"';
    const name = isSeparator ? undefined : readName(body, index + 1);
    if (name === undefined) {
      literal += char;
      lastSignificant = char;
      index += 1;
      continue;
    }

    if (literal) parts.push({ literal });
    literal = '';
    const end = index + 1 + name.length;
    const position: ParameterPosition = inString ? 'body-string' : 'body';
    parts.push({ parameter: { name, start: index, end, position, isWildcard: name.startsWith('@') } });
    lastSignificant = 'v';
    index = end;
  }

  if (literal) parts.push({ literal });
  return parts;
}

export function occurrencesOf(parts: TemplatePart[]): ParameterOccurrence[] {
  return parts.flatMap((part) => ('parameter' in part ? [part.parameter] : []));
}

/** Names of the parameters (wildcards excluded) a query's URL and body use, in order of first use. */
export function usedParameterNames(url: string, body?: string): string[] {
  const occurrences = [...occurrencesOf(parseUrlTemplate(url)), ...(body ? occurrencesOf(parseBodyTemplate(body)) : [])];
  return [...new Set(occurrences.filter((occurrence) => !occurrence.isWildcard).map((occurrence) => occurrence.name))];
}
