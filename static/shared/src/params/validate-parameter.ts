// Checks a parameter value in the browser before a run or a save, with the
// same rules the backend applies, so the author sees the problem at the field.
// The backend validates again: this check only saves a round trip.

import type { ParameterDefinition } from '../../../../src/contract/entities';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Returns what is wrong with `value` for this parameter, or undefined when it is valid. Empty means "use the default". */
export function validateParameter(definition: ParameterDefinition, value: string): string | undefined {
  const trimmed = value.trim();

  if (trimmed === '') {
    const hasDefault = definition.default !== undefined && definition.default !== '';
    return definition.required && !hasDefault ? `Enter a value for ${definition.name}.` : undefined;
  }

  switch (definition.type) {
    case 'integer':
      return INTEGER.test(trimmed) ? undefined : `${definition.name} must be a whole number, such as 42.`;
    case 'number':
      return NUMBER.test(trimmed) ? undefined : `${definition.name} must be a number, such as 3.5.`;
    case 'boolean':
      return trimmed === 'true' || trimmed === 'false' ? undefined : `${definition.name} must be true or false.`;
    case 'date':
      return isCalendarDate(trimmed) ? undefined : `${definition.name} must be a date as YYYY-MM-DD, such as 2026-03-31.`;
    case 'enum': {
      const options = definition.options ?? [];
      return options.includes(trimmed) ? undefined : `${definition.name} must be one of: ${options.join(', ')}.`;
    }
    case 'list':
    case 'string':
      return undefined;
  }
}

function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Validates every parameter and returns the problems by parameter name. */
export function validateParameters(definitions: readonly ParameterDefinition[], values: Record<string, string>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const definition of definitions) {
    const problem = validateParameter(definition, values[definition.name] ?? '');
    if (problem !== undefined) problems[definition.name] = problem;
  }
  return problems;
}
