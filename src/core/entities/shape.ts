// Applying the draft schemas with ajv and turning its errors into problems an
// admin can act on: which field, what value, what is expected.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { EntityKind } from '../../contract/entities';
import { DRAFT_SCHEMAS } from './schemas';

export interface Problem {
  /** Slash-separated path into the draft, e.g. `auth/username` or `parameters/2/type`. */
  field: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, discriminator: true, strict: true, allowUnionTypes: true });

const validators = Object.fromEntries(
  Object.entries(DRAFT_SCHEMAS).map(([kind, schema]) => [kind, ajv.compile(schema)]),
) as Record<EntityKind, ValidateFunction>;

/**
 * Checks a draft's shape and fills defaults. Returns a copy with defaults
 * applied (the input is left untouched) and the problems found.
 */
export function checkShape(kind: EntityKind, draft: unknown): { value: Record<string, unknown>; problems: Problem[] } {
  const value = structuredClone(draft) as Record<string, unknown>;
  const validate = validators[kind];
  if (validate(value)) return { value, problems: [] };

  const problems = (validate.errors ?? []).map((error) => withSubject(describe(error, draft)));
  return { value, problems: dedupe(problems) };
}

function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('/');
}

function join(base: string, child: string): string {
  return base === '' ? child : `${base}/${child}`;
}

function valueAt(root: unknown, field: string): unknown {
  if (field === '') return root;
  let current: unknown = root;
  for (const segment of field.split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (Number.isInteger(value)) return 'an integer';
  return `a ${typeof value}`;
}

function describe(error: ErrorObject, root: unknown): Problem {
  const field = pointerToField(error.instancePath);
  const value = valueAt(root, field);
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { field: join(field, missing), message: 'is missing. Enter a value.' };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      return { field: join(field, extra), message: 'is not a known field. Remove it.' };
    }
    case 'type':
      return { field, message: `must be ${articleFor(String(params.type))}, but it is ${typeName(value)}.` };
    case 'minLength':
      return { field, message: Number(params.limit) === 1 ? 'is empty. Enter a value.' : `must be at least ${params.limit} characters long.` };
    case 'maxLength':
      return { field, message: `is ${(value as string).length} characters long; the maximum is ${params.limit}. Shorten it.` };
    case 'maxItems':
      return { field, message: `has ${(value as unknown[]).length} entries; the maximum is ${params.limit}. Remove some.` };
    case 'maxProperties':
      return { field, message: `has ${Object.keys(value as object).length} entries; the maximum is ${params.limit}. Remove some.` };
    case 'minimum':
    case 'maximum':
      return { field, message: `is ${show(value)}; it must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${params.limit}.` };
    case 'enum':
      return { field, message: `is ${show(value)}; use one of ${(params.allowedValues as unknown[]).map((option) => JSON.stringify(option)).join(', ')}.` };
    case 'const':
      return { field, message: `is ${show(value)}; it must be ${JSON.stringify(params.allowedValue)}.` };
    case 'pattern':
      return { field, message: `is ${show(value)}, which is not a valid id. Use letters, digits, _ and -, starting with a letter or digit.` };
    case 'discriminator':
      return { field: join(field, 'kind'), message: `is ${show(valueAt(value, 'kind'))}; use "none", "basic" or "token".` };
    default:
      return { field, message: `is invalid (${error.message ?? error.keyword}).` };
  }
}

/** Starts the message with the field it is about, so it reads on its own. */
function withSubject(problem: Problem): Problem {
  return { field: problem.field, message: `${problem.field === '' ? 'The entity' : problem.field} ${problem.message}` };
}

function articleFor(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.field}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
