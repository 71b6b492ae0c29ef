// Payload schemas for the admin keys. Checked only after the admin check, so a
// non-admin learns nothing about what a valid payload looks like.

import {
  SAMPLE_MAX_LENGTH,
  SOURCE_MAX_LENGTH,
  baseVersionSchema,
  draftSchema,
  emptySchema,
  idPayloadSchema,
  idSchema,
  parameterValuesSchema,
} from './common';

const secretValueSchema = { anyOf: [{ type: 'string', minLength: 1, maxLength: 16_000 }, { type: 'null' }] } as const;

function saveSchema(kind: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'object',
    required: ['draft'],
    additionalProperties: false,
    properties: { draft: draftSchema(kind), baseVersion: baseVersionSchema, ...extra },
  } as const;
}

export const adminSchemas = {
  'datasources/list': emptySchema,
  'datasources/get': idPayloadSchema,
  'datasources/save': saveSchema('datasource', {
    secrets: {
      type: 'object',
      additionalProperties: false,
      properties: { password: secretValueSchema, token: secretValueSchema },
    },
  }),
  'datasources/delete': idPayloadSchema,
  'datasources/test': idPayloadSchema,

  'queries/list': emptySchema,
  'queries/get': idPayloadSchema,
  'queries/save': saveSchema('query'),
  'queries/delete': idPayloadSchema,
  'queries/preview': {
    type: 'object',
    required: ['parameters'],
    additionalProperties: false,
    anyOf: [{ required: ['id'] }, { required: ['draft'] }],
    properties: { id: idSchema, draft: draftSchema('query'), parameters: parameterValuesSchema },
  },

  'converters/list': emptySchema,
  'converters/get': idPayloadSchema,
  'converters/save': saveSchema('converter'),
  'converters/delete': idPayloadSchema,
  'converters/test': {
    type: 'object',
    required: ['source', 'sampleInput'],
    additionalProperties: false,
    properties: {
      source: { type: 'string', maxLength: SOURCE_MAX_LENGTH },
      sampleInput: { type: 'string', maxLength: SAMPLE_MAX_LENGTH },
    },
  },

  'templates/list': emptySchema,
  'templates/get': idPayloadSchema,
  'templates/save': saveSchema('template'),
  'templates/delete': idPayloadSchema,
  'templates/preview': {
    type: 'object',
    required: ['source', 'data'],
    additionalProperties: false,
    properties: {
      source: { type: 'string', maxLength: SOURCE_MAX_LENGTH },
      data: {},
      parameters: parameterValuesSchema,
    },
  },

  'config/export': emptySchema,
  'config/import': {
    type: 'object',
    required: ['file', 'dryRun'],
    additionalProperties: false,
    properties: { file: { type: 'object' }, dryRun: { type: 'boolean' } },
  },
} as const;
