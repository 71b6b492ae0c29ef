// Building blocks for the resolver payload schemas. Limits here are generous
// for real use and small enough that a forged payload cannot make the backend
// do unbounded work.

/** Entity ids: what the repository generates, and nothing that could change a storage key's meaning. */
export const idSchema = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$' } as const;

/** Parameter names as `:name` placeholders allow them. */
export const PARAMETER_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_.]{0,63}$';

export const MAX_PARAMETERS = 50;
export const MAX_PARAMETER_VALUE_LENGTH = 4000;

export const parameterValuesSchema = {
  type: 'object',
  maxProperties: MAX_PARAMETERS,
  propertyNames: { pattern: PARAMETER_NAME_PATTERN },
  additionalProperties: { type: 'string', maxLength: MAX_PARAMETER_VALUE_LENGTH },
} as const;

export const emptySchema = { type: 'object', additionalProperties: false } as const;

export const idPayloadSchema = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: idSchema },
} as const;

export const baseVersionSchema = { type: 'integer', minimum: 0 } as const;

/**
 * An entity draft at the boundary: the right kind, an optional well-formed id
 * and otherwise an object. Field-level rules live in the entity schemas that
 * the repository applies on save, so they are written once.
 */
export function draftSchema(kind: string) {
  return {
    type: 'object',
    required: ['kind'],
    properties: { kind: { const: kind }, id: idSchema },
  } as const;
}

/** Converter and template sources; the sandbox and the renderer enforce their own run-time limits. */
export const SOURCE_MAX_LENGTH = 200_000;
/** Sample inputs and preview data stay below the 500 KB invoke request limit with room for the rest. */
export const SAMPLE_MAX_LENGTH = 400_000;
