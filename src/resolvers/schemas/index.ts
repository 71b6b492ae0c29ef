// Compiles every payload schema once, when the module loads, and turns ajv's
// errors into an INVALID_REQUEST that names each failing field.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

import type { PayloadOf, ResolverKey } from '../../contract/resolvers';
import { AppError } from '../../errors/app-error';
import { adminSchemas } from './admin';
import { macroSchemas } from './macro';

const schemas: Record<ResolverKey, object> = { ...macroSchemas, ...adminSchemas };

// strictRequired is off because `queries/preview` requires one of two optional properties through anyOf.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });

const validators = Object.fromEntries(
  Object.entries(schemas).map(([key, schema]) => [key, ajv.compile(schema)]),
) as Record<ResolverKey, ValidateFunction>;

/** Returns the payload typed for its key, or throws INVALID_REQUEST listing every problem. */
export function validatePayload<K extends ResolverKey>(key: K, payload: unknown): PayloadOf<K> {
  const validate = validators[key];
  if (validate(payload)) return payload as PayloadOf<K>;

  const problems = (validate.errors ?? []).slice(0, 20).map(describeProblem);
  const first = problems[0];
  const summary = first ? `${first.field}: ${first.message}` : 'the payload does not match the expected shape';
  throw new AppError('INVALID_REQUEST', `Invalid request for ${key}: ${summary}.`, {
    hint: 'The app sent a request this version of the backend does not accept. Reload the page; if it persists, report it with this message.',
    details: { field: first?.field, problems },
  });
}

export function hasSchema(key: string): key is ResolverKey {
  return key in validators;
}

function describeProblem(error: ErrorObject): { field: string; message: string } {
  const base = error.instancePath === '' ? '/' : error.instancePath;
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return { field: `${base === '/' ? '' : base}/${extra}`, message: 'unknown field' };
  }
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { field: `${base === '/' ? '' : base}/${missing}`, message: 'missing' };
  }
  return { field: base, message: error.message ?? 'invalid' };
}
