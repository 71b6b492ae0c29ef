// Keeps a query's parameter rows in step with the `:name` parameters its URL
// and body use. Detection is the backend's own parser, so the rows match what
// a run substitutes: a name starts with a letter, `::` is a literal colon, and
// `10:30` or `https://` are plain text.

import type { ParameterDefinition } from '../../../../src/contract/entities';
import { occurrencesOf, parseBodyTemplate, parseUrlTemplate, usedParameterNames } from '../../../../src/core/params/parse';

export { usedParameterNames };

export function newParameter(name: string): ParameterDefinition {
  return { name, type: 'string', required: true, description: '', viewerEditable: false };
}

/**
 * Returns one row per used name, in order of use. Rows for names that are no
 * longer used move to `stash`, so retyping the name brings its settings back.
 */
export function syncParameters(
  current: ParameterDefinition[],
  names: string[],
  stash: Map<string, ParameterDefinition>,
): ParameterDefinition[] {
  for (const definition of current) {
    if (!names.includes(definition.name)) stash.set(definition.name, definition);
  }
  return names.map((name) => current.find((definition) => definition.name === name) ?? stash.get(name) ?? newParameter(name));
}

/** Context wildcards (`:@space.key` …) used in the URL and body, in order of use. */
export function usedWildcards(url: string, body?: string): string[] {
  const occurrences = [...occurrencesOf(parseUrlTemplate(url)), ...(body ? occurrencesOf(parseBodyTemplate(body)) : [])];
  return [...new Set(occurrences.filter((occurrence) => occurrence.isWildcard).map((occurrence) => occurrence.name))];
}

export const WILDCARDS: { name: string; meaning: string }[] = [
  { name: '@space.key', meaning: 'Key of the space the page is in, e.g. DOCS.' },
  { name: '@space.id', meaning: 'Numeric id of that space.' },
  { name: '@page.id', meaning: 'Id of the page showing the macro.' },
  { name: '@page.title', meaning: 'Title of that page.' },
  { name: '@user.accountId', meaning: 'Atlassian account id of the person viewing the page (empty for anonymous viewers).' },
  { name: '@date.today', meaning: "Today's date as YYYY-MM-DD in the viewer's time zone." },
];

/** `0`, or a whole number with unit s, m, h or d. */
export function isValidCacheDuration(value: string): boolean {
  return /^(0|[1-9]\d*[smhd])$/.test(value.trim());
}
