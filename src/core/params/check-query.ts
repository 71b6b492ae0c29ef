// Save-time checks of a query's parameters: what the URL and body use against
// what the query defines. Mismatches that still run are warnings; mistakes
// that can never run are problems.

import type { Query } from '../../contract/entities';
import { isAppError } from '../../errors/app-error';
import { occurrencesOf, parseBodyTemplate, parseUrlTemplate, type TemplatePart } from './parse';
import { checkValue } from './values';
import { isKnownWildcard, WILDCARD_NAMES } from './wildcards';

export interface ParameterReport {
  problems: { field: string; message: string }[];
  warnings: string[];
}

const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export function checkQueryParameters(query: Pick<Query, 'method' | 'url' | 'body' | 'parameters'>): ParameterReport {
  const problems: ParameterReport['problems'] = [];
  const warnings: string[] = [];

  const urlParts = parseUrlTemplate(query.url);
  const bodyParts = query.body ? parseBodyTemplate(query.body) : [];
  const occurrences = [...occurrencesOf(urlParts), ...occurrencesOf(bodyParts)];

  for (const occurrence of occurrences) {
    if (occurrence.isWildcard && !isKnownWildcard(occurrence.name)) {
      const field = occurrence.position.startsWith('body') ? 'body' : 'url';
      problems.push({ field, message: `The wildcard ":${occurrence.name}" does not exist. Use one of ${WILDCARD_NAMES.map((name) => `:${name}`).join(', ')}.` });
    }
    if (occurrence.position === 'fragment') {
      problems.push({ field: 'url', message: `":${occurrence.name}" sits after "#", and the fragment is never sent to the server. Move it into the path or query string.` });
    }
  }

  const seen = new Set<string>();
  for (const [index, definition] of query.parameters.entries()) {
    const field = `parameters/${index}`;
    if (!PARAMETER_NAME.test(definition.name)) {
      problems.push({ field: `${field}/name`, message: `The parameter name ${JSON.stringify(definition.name)} is invalid. Start with a letter and use letters, digits and _ only (at most 64 characters).` });
    }
    if (seen.has(definition.name)) {
      problems.push({ field: `${field}/name`, message: `The parameter "${definition.name}" is defined twice. Remove one of the definitions.` });
    }
    seen.add(definition.name);

    if (definition.type === 'enum' && (definition.options ?? []).length === 0) {
      problems.push({ field: `${field}/options`, message: `The enum parameter "${definition.name}" has no options. List the values a page author may choose.` });
    }
    if (definition.default !== undefined && definition.default !== '') {
      try {
        checkValue(definition, definition.default);
      } catch (error) {
        if (!isAppError(error)) throw error;
        problems.push({ field: `${field}/default`, message: `The default is invalid: ${error.message}` });
      }
    }
  }

  const used = new Set(occurrences.filter((occurrence) => !occurrence.isWildcard).map((occurrence) => occurrence.name));
  for (const name of used) {
    if (!seen.has(name)) warnings.push(`":${name}" is used but not defined, so it is treated as a required text parameter. Define it to set a type, a default or a description.`);
  }
  for (const definition of query.parameters) {
    if (!used.has(definition.name)) warnings.push(`The parameter "${definition.name}" is defined but not used in the URL or body.`);
  }

  if (query.body !== undefined && query.body.trim() !== '') {
    const bodyProblem = checkBodyIsJson(bodyParts);
    if (bodyProblem) problems.push({ field: 'body', message: bodyProblem });
  }

  return { problems, warnings };
}

/** Substitutes neutral values for every parameter and checks that the result parses as JSON. */
function checkBodyIsJson(parts: TemplatePart[]): string | undefined {
  const sample = parts
    .map((part) => {
      if ('literal' in part) return part.literal;
      return part.parameter.position === 'body' ? '0' : '';
    })
    .join('');
  try {
    JSON.parse(sample);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `The body is not valid JSON once parameters are filled in (${reason}). Put parameters in value positions, e.g. {"maxResults": :limit, "jql": "project = :project"}.`;
  }
}
