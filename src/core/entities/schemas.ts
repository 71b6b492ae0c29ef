// JSON Schemas of the entity drafts an editor saves. ajv checks shape, types
// and sizes and fills defaults. Rules that need code (URLs, host patterns,
// header names, parameters, references) live in checks.ts. URLs are plain
// strings here because ajv's `format: uri` accepts `javascript:` and `file:`.

import type { EntityKind } from '../../contract/entities';

export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$';

export const LIMITS = {
  name: 100,
  description: 2000,
  url: 2000,
  queryUrl: 4000,
  headerValue: 1000,
  headers: 20,
  allowedHosts: 20,
  parameters: 50,
  options: 200,
  spaces: 200,
  body: 100_000,
  source: 200_000,
  sampleInput: 400_000,
  secret: 16_000,
  minTimeoutMs: 1000,
  /** Forge gives a UI resolver 25 s in total; the upstream call must leave time to convert and render. */
  maxTimeoutMs: 20_000,
  minResponseBytes: 1024,
  maxResponseBytes: 20 * 1024 * 1024,
} as const;

export const DEFAULTS = {
  timeoutMs: 10_000,
  maxResponseBytes: 5 * 1024 * 1024,
  testPath: '/',
  cacheDuration: '0',
} as const;

const id = { type: 'string', pattern: ID_PATTERN } as const;
const name = { type: 'string', minLength: 1, maxLength: LIMITS.name } as const;
const description = { type: 'string', maxLength: LIMITS.description, default: '' } as const;

const authSchema = {
  type: 'object',
  discriminator: { propertyName: 'kind' },
  required: ['kind'],
  properties: { kind: { type: 'string' } },
  oneOf: [
    { properties: { kind: { const: 'none' } }, additionalProperties: false },
    {
      properties: { kind: { const: 'basic' }, username: { type: 'string', minLength: 1, maxLength: 200 } },
      required: ['username'],
      additionalProperties: false,
    },
    {
      properties: {
        kind: { const: 'token' },
        placement: { enum: ['bearer', 'header'], default: 'bearer' },
        headerName: { type: 'string', minLength: 1, maxLength: 100 },
        prefix: { type: 'string', maxLength: 50 },
        expiresAt: { type: 'string', maxLength: 10 },
      },
      additionalProperties: false,
    },
  ],
} as const;

const datasourceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'baseUrl', 'auth'],
  properties: {
    id,
    kind: { const: 'datasource' },
    name,
    description,
    baseUrl: { type: 'string', minLength: 1, maxLength: LIMITS.url },
    auth: authSchema,
    headers: {
      type: 'object',
      maxProperties: LIMITS.headers,
      additionalProperties: { type: 'string', maxLength: LIMITS.headerValue },
      default: {},
    },
    allowedHosts: {
      type: 'array',
      maxItems: LIMITS.allowedHosts,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['host'],
        properties: { host: { type: 'string', minLength: 1, maxLength: 260 }, pathPrefix: { type: 'string', maxLength: 500 } },
      },
      default: [],
    },
    testPath: { type: 'string', minLength: 1, maxLength: LIMITS.url, default: DEFAULTS.testPath },
    timeoutMs: { type: 'integer', minimum: LIMITS.minTimeoutMs, maximum: LIMITS.maxTimeoutMs, default: DEFAULTS.timeoutMs },
    maxResponseBytes: {
      type: 'integer',
      minimum: LIMITS.minResponseBytes,
      maximum: LIMITS.maxResponseBytes,
      default: DEFAULTS.maxResponseBytes,
    },
    allowInsecureHttp: { type: 'boolean', default: false },
  },
} as const;

const parameterSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 64 },
    type: { enum: ['string', 'integer', 'number', 'boolean', 'date', 'enum', 'list'] },
    default: { type: 'string', maxLength: 2000 },
    required: { type: 'boolean', default: false },
    description: { type: 'string', maxLength: 500, default: '' },
    viewerEditable: { type: 'boolean', default: false },
    options: { type: 'array', maxItems: LIMITS.options, items: { type: 'string', minLength: 1, maxLength: 200 } },
  },
} as const;

const querySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'datasourceId', 'url'],
  properties: {
    id,
    kind: { const: 'query' },
    name,
    description,
    datasourceId: id,
    method: { enum: ['GET', 'POST'], default: 'GET' },
    url: { type: 'string', minLength: 1, maxLength: LIMITS.queryUrl },
    body: { type: 'string', maxLength: LIMITS.body },
    parameters: { type: 'array', maxItems: LIMITS.parameters, items: parameterSchema, default: [] },
    converterId: id,
    templateId: id,
    cacheDuration: { type: 'string', maxLength: 10, default: DEFAULTS.cacheDuration },
    spaces: { type: 'array', maxItems: LIMITS.spaces, items: { type: 'string', minLength: 1, maxLength: 255 }, default: [] },
  },
} as const;

const converterSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'source'],
  properties: {
    id,
    kind: { const: 'converter' },
    name,
    description,
    source: { type: 'string', maxLength: LIMITS.source },
    sampleInput: { type: 'string', maxLength: LIMITS.sampleInput, default: '' },
  },
} as const;

const templateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'source'],
  properties: {
    id,
    kind: { const: 'template' },
    name,
    description,
    source: { type: 'string', maxLength: LIMITS.source },
  },
} as const;

export const DRAFT_SCHEMAS: Record<EntityKind, object> = {
  datasource: datasourceSchema,
  query: querySchema,
  converter: converterSchema,
  template: templateSchema,
};
