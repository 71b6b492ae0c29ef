// Text for each stable error code, for the person looking at the macro. A
// viewer cannot change datasources or queries, so viewer text says whom to ask.
// An admin gets the concrete fix. `Record<ErrorCode, …>` makes the compiler
// reject a new code that has no text yet.

import type { ErrorCode } from '../../../src/contract/errors';

export type Role = 'viewer' | 'admin';

export interface ErrorText {
  title: string;
  viewer: string;
  admin: string;
}

const ASK_ADMIN = 'Ask your Confluence admin to check the query behind this macro.';

const TEXTS: Record<ErrorCode, ErrorText> = {
  INVALID_REQUEST: {
    title: 'The request was invalid',
    viewer: 'Reload the page. If this keeps happening, ask your Confluence admin to check the app.',
    admin: 'The macro sent a request the backend rejected. Edit the macro and save it again; the details name the field.',
  },
  FORBIDDEN: {
    title: 'You do not have access',
    viewer: 'You do not have permission to see this data. Ask the page owner or your Confluence admin for access.',
    admin: 'The backend rejected the call for this account. Check that you can view this page and space.',
  },
  VALIDATION_FAILED: {
    title: 'The configuration is invalid',
    viewer: ASK_ADMIN,
    admin: 'A stored entity failed validation. Open it in the app settings; the details name the field.',
  },
  ENTITY_NOT_FOUND: {
    title: 'The query no longer exists',
    viewer: 'The data source of this macro was removed. Ask the page author to pick another query.',
    admin: 'The query (or its datasource, converter or template) was deleted. Edit the macro and pick an existing query.',
  },
  CONFLICT: {
    title: 'Someone else saved first',
    viewer: 'Reload the page and try again.',
    admin: 'Another admin saved this entity meanwhile. Reload and reapply your change.',
  },
  IN_USE: {
    title: 'Still in use',
    viewer: ASK_ADMIN,
    admin: 'Other entities still reference this one. Remove those references first.',
  },
  IMPORT_INVALID: {
    title: 'The import file is invalid',
    viewer: ASK_ADMIN,
    admin: 'Fix the entries listed in the details and import again.',
  },
  SPACE_NOT_ALLOWED: {
    title: 'This query is not available in this space',
    viewer: 'Ask your Confluence admin to allow this query in this space, or ask the page author to pick another one.',
    admin: "Add this space to the query's allowed spaces in the app settings, or pick another query.",
  },
  PARAMETER_MISSING: {
    title: 'A parameter is missing',
    viewer: 'Fill in the parameter named in the details, or ask the page author to set it.',
    admin: 'Edit the macro and give the required parameter a value, or set a default on the query.',
  },
  PARAMETER_INVALID: {
    title: 'A parameter value is invalid',
    viewer: 'Correct the parameter value named in the details, or ask the page author to fix it.',
    admin: 'Edit the macro and correct the parameter value; the details show the expected type.',
  },
  PARAMETER_NOT_EDITABLE: {
    title: 'This parameter cannot be changed here',
    viewer: 'Only the page author can change this value. Reload the page to use the saved value.',
    admin: 'Mark the parameter as viewer-editable on the query if viewers should change it.',
  },
  INSECURE_HTTP: {
    title: 'Plain http is not allowed',
    viewer: ASK_ADMIN,
    admin: 'The datasource uses http://. Switch it to https://, or explicitly allow insecure http on the datasource.',
  },
  HOST_NOT_ALLOWED: {
    title: 'The address is not allowed',
    viewer: ASK_ADMIN,
    admin: "The request went to a host outside the datasource's allowed hosts, or to a private address. Check the base URL and allowed hosts.",
  },
  EGRESS_NOT_DECLARED: {
    title: 'The host is not declared in the app',
    viewer: ASK_ADMIN,
    admin: "Add the host from the details to the app manifest's external fetch permissions and deploy again.",
  },
  SECRET_MISSING: {
    title: 'The datasource has no credentials',
    viewer: ASK_ADMIN,
    admin: 'Check the datasource token or password: it is not configured. Enter it in the datasource settings.',
  },
  TOKEN_EXPIRED: {
    title: 'The access token has expired',
    viewer: 'Ask your Confluence admin to renew the access token of this data source.',
    admin: 'Check the datasource token: its expiry date has passed. Create a new token and replace it in the datasource settings.',
  },
  DNS_ERROR: {
    title: 'The data source could not be found',
    viewer: 'The data source is not reachable right now. Try again later or ask your Confluence admin.',
    admin: 'The host name did not resolve. Check the datasource base URL.',
  },
  CONNECTION_FAILED: {
    title: 'The data source could not be reached',
    viewer: 'The data source is not reachable right now. Try again later or ask your Confluence admin.',
    admin: 'The connection failed. Check that the REST API is up and reachable from Atlassian Cloud, then use Test connection.',
  },
  TLS_ERROR: {
    title: 'The secure connection failed',
    viewer: ASK_ADMIN,
    admin: 'The TLS handshake failed (certificate expired, self-signed or wrong host). Fix the certificate of the REST API.',
  },
  TIMEOUT: {
    title: 'The data source took too long',
    viewer: 'The data source is slow right now. Try again in a moment.',
    admin: "The REST API did not answer within the datasource timeout. Raise the timeout or make the query's request cheaper.",
  },
  TOO_LARGE: {
    title: 'The response is too large',
    viewer: ASK_ADMIN,
    admin: 'The response exceeded the datasource size limit. Narrow the query (fewer fields or rows) or raise the limit.',
  },
  TOO_MANY_REDIRECTS: {
    title: 'Too many redirects',
    viewer: ASK_ADMIN,
    admin: 'The REST API kept redirecting. Use the final URL as the base URL.',
  },
  EGRESS_BLOCKED: {
    title: 'The request was blocked by Atlassian',
    viewer: ASK_ADMIN,
    admin: "Forge blocked the outbound request. Check the app manifest's external fetch permissions for this host.",
  },
  AUTH_FAILED: {
    title: 'The data source rejected the credentials',
    viewer: 'Ask your Confluence admin to check the credentials of this data source.',
    admin: 'Check the datasource token or password: the REST API answered 401. Replace the secret in the datasource settings.',
  },
  UPSTREAM_FORBIDDEN: {
    title: 'The data source denied access',
    viewer: 'Ask your Confluence admin to check the permissions of this data source.',
    admin: 'The REST API answered 403. Give the account behind the datasource token access to this resource.',
  },
  NOT_FOUND: {
    title: 'The data was not found',
    viewer: 'Check the parameter values, or ask the page author to check them.',
    admin: "The REST API answered 404. Check the query's URL and the parameter values.",
  },
  RATE_LIMITED: {
    title: 'The data source is busy',
    viewer: 'Too many requests were made. Try again in a minute.',
    admin: 'The REST API answered 429. Give the query a longer cache duration so pages call it less often.',
  },
  UPSTREAM_CLIENT_ERROR: {
    title: 'The data source rejected the request',
    viewer: 'Check the parameter values, or ask your Confluence admin.',
    admin: "The REST API rejected the request. Its message is in the details; check the query's URL, body and parameters.",
  },
  UPSTREAM_ERROR: {
    title: 'The data source had an error',
    viewer: 'The data source has a problem right now. Try again later.',
    admin: 'The REST API answered with a server error (5xx). Check the API; its message is in the details.',
  },
  UNEXPECTED_CONTENT: {
    title: 'The data source returned something other than JSON',
    viewer: ASK_ADMIN,
    admin: 'The REST API returned HTML or text, often a login page. Check the datasource token and the base URL.',
  },
  INVALID_JSON: {
    title: 'The data source returned invalid JSON',
    viewer: ASK_ADMIN,
    admin: 'The response could not be parsed as JSON. Check the query URL with Preview in the app settings.',
  },
  CONVERTER_SYNTAX: {
    title: 'The converter has a syntax error',
    viewer: ASK_ADMIN,
    admin: 'Fix the converter source at the line in the details.',
  },
  CONVERTER_ERROR: {
    title: 'The converter failed',
    viewer: ASK_ADMIN,
    admin: 'The converter threw an error. Test it against the sample input in the converter editor.',
  },
  CONVERTER_TIMEOUT: {
    title: 'The converter took too long',
    viewer: ASK_ADMIN,
    admin: 'The converter hit its time limit. Look for an endless loop or reduce the data it processes.',
  },
  CONVERTER_MEMORY: {
    title: 'The converter used too much memory',
    viewer: ASK_ADMIN,
    admin: 'The converter hit its memory limit. Build smaller intermediate values or narrow the query.',
  },
  CONVERTER_OUTPUT_TOO_LARGE: {
    title: 'The converter output is too large',
    viewer: ASK_ADMIN,
    admin: 'Return fewer rows or columns from the converter.',
  },
  CONVERTER_INVALID_OUTPUT: {
    title: 'The converter returned an invalid value',
    viewer: ASK_ADMIN,
    admin: 'The converter must return plain JSON data: no functions, no cycles, not undefined.',
  },
  SANDBOX_UNAVAILABLE: {
    title: 'The converter sandbox is unavailable',
    viewer: 'Try again later. If this keeps happening, ask your Confluence admin.',
    admin: 'No converter engine could start. Check the app logs.',
  },
  TEMPLATE_SYNTAX: {
    title: 'The template has a syntax error',
    viewer: ASK_ADMIN,
    admin: 'Fix the template source at the line in the details.',
  },
  TEMPLATE_ERROR: {
    title: 'The template failed',
    viewer: ASK_ADMIN,
    admin: 'Rendering the template failed. Preview it in the template editor.',
  },
  TEMPLATE_TIMEOUT: {
    title: 'The template took too long',
    viewer: ASK_ADMIN,
    admin: 'The template hit its time limit. Look for a runaway #foreach or heavy nested includes.',
  },
  TEMPLATE_OUTPUT_TOO_LARGE: {
    title: 'The template output is too large',
    viewer: ASK_ADMIN,
    admin: 'Render fewer rows, or let the default table page the data.',
  },
  TEMPLATE_INCLUDE_LIMIT: {
    title: 'Too many nested templates',
    viewer: ASK_ADMIN,
    admin: 'Templates include each other too deeply, maybe in a cycle. Check the $PQ.template calls.',
  },
  INTERNAL_ERROR: {
    title: 'Something went wrong',
    viewer: 'Reload the page. If this keeps happening, ask your Confluence admin.',
    admin: 'An unexpected error happened in the app. Reload the page; if it persists, check the app logs.',
  },
};

/** Returns the title and what to do for an error code, worded for the given role. */
export function describeError(code: string, role: Role): { title: string; action: string } {
  const text = TEXTS[code as ErrorCode] ?? TEXTS.INTERNAL_ERROR;
  return { title: text.title, action: role === 'admin' ? text.admin : text.viewer };
}

export const ERROR_TEXTS: Readonly<Record<ErrorCode, ErrorText>> = TEXTS;
