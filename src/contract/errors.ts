// Stable error codes shared by the backend and the front ends. The backend
// returns a code plus a safe message; the front ends map each code to a title
// and what to do next. Codes are part of the public contract: add, never rename.

export const ERROR_CODES = [
  // Caller and request
  'INVALID_REQUEST', // the resolver payload failed schema validation
  'FORBIDDEN', // the caller lacks the permission (not a Confluence admin, page not visible)
  'VALIDATION_FAILED', // an entity failed validation on save
  'ENTITY_NOT_FOUND',
  'CONFLICT', // stale version on save: someone else saved first
  'IN_USE', // delete refused because other entities reference this one
  'IMPORT_INVALID',
  'SPACE_NOT_ALLOWED', // the query is restricted to other spaces

  // Parameters
  'PARAMETER_MISSING',
  'PARAMETER_INVALID',
  'PARAMETER_NOT_EDITABLE',

  // Outbound request, before sending
  'INSECURE_HTTP', // http:// without allowInsecureHttp
  'HOST_NOT_ALLOWED', // host outside the datasource's allowed hosts, or a private/loopback address
  'EGRESS_NOT_DECLARED', // the Forge manifest does not list the host
  'SECRET_MISSING', // the auth kind needs a secret that is not configured
  'TOKEN_EXPIRED',

  // Outbound request, transport
  'DNS_ERROR',
  'CONNECTION_FAILED',
  'TLS_ERROR',
  'TIMEOUT',
  'TOO_LARGE',
  'TOO_MANY_REDIRECTS',
  'EGRESS_BLOCKED', // Forge's egress proxy answered a bare 403

  // Outbound request, upstream status and body
  'AUTH_FAILED', // 401
  'UPSTREAM_FORBIDDEN', // 403 from the REST API itself
  'NOT_FOUND', // 404 from the REST API
  'RATE_LIMITED', // 429
  'UPSTREAM_CLIENT_ERROR', // other 4xx
  'UPSTREAM_ERROR', // 5xx
  'UNEXPECTED_CONTENT', // HTML login page, XML, plain text where JSON was expected
  'INVALID_JSON',

  // Converter sandbox
  'CONVERTER_SYNTAX',
  'CONVERTER_ERROR', // the converter threw
  'CONVERTER_TIMEOUT',
  'CONVERTER_MEMORY',
  'CONVERTER_OUTPUT_TOO_LARGE',
  'CONVERTER_INVALID_OUTPUT', // function, cyclic value, undefined
  'SANDBOX_UNAVAILABLE',

  // Template
  'TEMPLATE_SYNTAX',
  'TEMPLATE_ERROR',
  'TEMPLATE_TIMEOUT',
  'TEMPLATE_OUTPUT_TOO_LARGE',
  'TEMPLATE_INCLUDE_LIMIT',

  // Anything we did not anticipate; the original is logged, never returned.
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Pipeline stage in which a query run failed. */
export type Stage = 'request' | 'parameters' | 'fetch' | 'convert' | 'render';

/** Extra facts about an error. Every field is safe to show: no secrets, no raw stack traces. */
export interface ErrorDetails {
  stage?: Stage;
  /** Entity or payload field that failed validation, as a JSON pointer or dotted path. */
  field?: string;
  /** The offending value, truncated, when it is not secret. */
  value?: string;
  entity?: { kind: string; id?: string; name?: string };
  /** 1-based position in converter or template source. */
  line?: number;
  column?: number;
  /** Upstream HTTP status and the message pulled from its error body. */
  status?: number;
  method?: string;
  /** Upstream URL without credentials or secret query values. */
  url?: string;
  upstreamMessage?: string;
  retryAfterSeconds?: number;
  /** Suggested manifest egress entry for EGRESS_NOT_DECLARED. */
  egressEntry?: string;
  /** Every validation problem when there is more than one. */
  problems?: { field: string; message: string }[];
  /** Entities referencing the one being deleted (IN_USE). */
  usedBy?: { kind: string; id: string; name: string }[];
  /** Name of the limit that fired and its value, e.g. `maxResponseBytes` 1048576. */
  limit?: { name: string; value: number };
}

/** The error as it crosses the resolver boundary. */
export interface WireError {
  code: ErrorCode;
  message: string;
  /** What the admin can do about it. */
  hint?: string;
  details?: ErrorDetails;
}

/** Every resolver returns this envelope instead of throwing across the bridge. */
export type ResolverResponse<T> = { ok: true; data: T } | { ok: false; error: WireError };
