// Payload schemas for the keys any page viewer may call.

import { emptySchema, idSchema, parameterValuesSchema } from './common';

const macroConfigSchema = {
  type: 'object',
  required: ['queryId', 'parameters'],
  additionalProperties: false,
  properties: { queryId: idSchema, parameters: parameterValuesSchema },
} as const;

const runSchema = {
  type: 'object',
  required: ['config'],
  additionalProperties: false,
  properties: { config: macroConfigSchema, viewerParameters: parameterValuesSchema },
} as const;

export const macroSchemas = {
  'session/whoami': emptySchema,
  'macro/queries': emptySchema,
  'macro/run': runSchema,
  'macro/refresh': runSchema,
} as const;
