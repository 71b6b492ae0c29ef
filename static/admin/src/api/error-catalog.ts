// Admin advice for each stable error code: a short title and what to do next.
// The backend's message states what failed on which value, and this adds the
// action, so the page shows the two together. Typed as a full record, so a code
// added to the contract fails the type check until it has an entry here.

import type { ErrorCode } from '../../../../src/contract/errors';

export interface ErrorAdvice {
  title: string;
  action: string;
}

export const ERROR_ADVICE: Record<ErrorCode, ErrorAdvice> = {
  INVALID_REQUEST: {
    title: 'The request was rejected',
    action: 'Reload the page. If it happens again, the admin page and the app backend are out of step: redeploy the app.',
  },
  FORBIDDEN: {
    title: 'You do not have permission',
    action: 'Only Confluence administrators can manage REST data sources. Ask an administrator to grant you the permission.',
  },
  VALIDATION_FAILED: {
    title: 'Some fields are not valid',
    action: 'Correct the fields listed below, then save again. Nothing was saved.',
  },
  ENTITY_NOT_FOUND: {
    title: 'Not found',
    action: 'Another administrator may have deleted it. Go back to the list to see what exists now.',
  },
  CONFLICT: {
    title: 'Someone else saved a newer version',
    action: 'Reload to see their version, or overwrite it with yours. Nothing was saved yet.',
  },
  IN_USE: {
    title: 'Still in use',
    action: 'Change or delete the items listed below so they no longer use it, then delete it.',
  },
  IMPORT_INVALID: {
    title: 'The file cannot be imported',
    action: 'Fix the entries listed below in the file, or export a fresh file, and try again. Nothing was changed.',
  },
  SPACE_NOT_ALLOWED: {
    title: 'Not allowed in this space',
    action: "Add the space key to the query's spaces, or leave the list empty to allow every space.",
  },
  PARAMETER_MISSING: {
    title: 'A required parameter has no value',
    action: 'Enter a sample value, or give the parameter a default.',
  },
  PARAMETER_INVALID: {
    title: 'A parameter value is not valid',
    action: "Enter a value that matches the parameter's type and options.",
  },
  PARAMETER_NOT_EDITABLE: {
    title: 'Viewers may not change this parameter',
    action: 'Tick "viewer can change" on the parameter if page viewers should be able to set it.',
  },
  INSECURE_HTTP: {
    title: 'Plain http is refused',
    action: 'Use the https:// address of the API. Only if the API has no https, tick "Allow insecure http" on the datasource.',
  },
  HOST_NOT_ALLOWED: {
    title: 'Host not allowed',
    action: "Add the host to the datasource's allowed hosts. Private, loopback and link-local addresses are always refused.",
  },
  EGRESS_NOT_DECLARED: {
    title: 'The app may not call this host',
    action: "Add the host to permissions.external.fetch.backend in the app's manifest.yml and redeploy.",
  },
  SECRET_MISSING: {
    title: 'Credentials are missing',
    action: 'Open the datasource and enter the password or token.',
  },
  TOKEN_EXPIRED: {
    title: 'The token has expired',
    action: 'Create a new token in the remote system, replace it on the datasource and update its expiry date.',
  },
  DNS_ERROR: {
    title: 'Host name not found',
    action: 'Check the spelling of the base URL host.',
  },
  CONNECTION_FAILED: {
    title: 'Could not connect',
    action: 'Check that the API is reachable from the internet and that the port in the base URL is right.',
  },
  TLS_ERROR: {
    title: 'Secure connection failed',
    action: "The API's certificate is invalid, expired or self-signed. Ask its owner to fix the certificate.",
  },
  TIMEOUT: {
    title: 'The API did not answer in time',
    action: "Try again later, ask for less data, or raise the datasource's timeout.",
  },
  TOO_LARGE: {
    title: 'The response is too large',
    action: "Ask for less data (filters, paging parameters) or raise the datasource's maximum response size.",
  },
  TOO_MANY_REDIRECTS: {
    title: 'Too many redirects',
    action: 'Use the final address of the API as the base URL.',
  },
  EGRESS_BLOCKED: {
    title: 'Blocked by the platform',
    action: "Atlassian's egress proxy refused the call. Declare the host in the app's manifest.yml and redeploy.",
  },
  AUTH_FAILED: {
    title: 'The API rejected the credentials',
    action: 'Replace the token or password on the datasource. Check that it has not expired or been revoked.',
  },
  UPSTREAM_FORBIDDEN: {
    title: 'The API denied access',
    action: 'The credentials work but lack permission for this resource. Grant the account access or use another token.',
  },
  NOT_FOUND: {
    title: 'The API found nothing at this URL',
    action: "Check the query's URL and its parameter values.",
  },
  RATE_LIMITED: {
    title: 'The API is rate limiting',
    action: "Wait before trying again, and raise the query's cache duration so pages call the API less often.",
  },
  UPSTREAM_CLIENT_ERROR: {
    title: 'The API rejected the request',
    action: "Read the API's message below and adjust the URL, parameters or body.",
  },
  UPSTREAM_ERROR: {
    title: 'The API failed',
    action: 'The remote system had an internal error. Try again later.',
  },
  UNEXPECTED_CONTENT: {
    title: 'The API did not return JSON',
    action: 'An HTML page often means a login page: check the credentials and the base URL.',
  },
  INVALID_JSON: {
    title: 'The response is not valid JSON',
    action: 'Check that the URL points at a JSON endpoint.',
  },
  CONVERTER_SYNTAX: {
    title: 'Syntax error in the converter',
    action: 'Fix the JavaScript at the marked line.',
  },
  CONVERTER_ERROR: {
    title: 'The converter threw an error',
    action: 'Fix the converter at the marked line. Run it against the sample input to check.',
  },
  CONVERTER_TIMEOUT: {
    title: 'The converter ran too long',
    action: 'Look for an endless loop, or process less data.',
  },
  CONVERTER_MEMORY: {
    title: 'The converter used too much memory',
    action: 'Process less data, or avoid building large intermediate copies.',
  },
  CONVERTER_OUTPUT_TOO_LARGE: {
    title: "The converter's output is too large",
    action: 'Return fewer rows or fewer fields.',
  },
  CONVERTER_INVALID_OUTPUT: {
    title: "The converter's output cannot be used",
    action: 'Return plain JSON data: objects, arrays, strings, numbers, booleans or null. No functions, no cycles, not undefined.',
  },
  SANDBOX_UNAVAILABLE: {
    title: 'The converter sandbox is not available',
    action: 'The app cannot run converters right now. Try again; if it persists, check the app logs.',
  },
  TEMPLATE_SYNTAX: {
    title: 'Syntax error in the template',
    action: 'Fix the Velocity directive at the marked line.',
  },
  TEMPLATE_ERROR: {
    title: 'The template failed',
    action: 'Fix the template at the marked line.',
  },
  TEMPLATE_TIMEOUT: {
    title: 'The template ran too long',
    action: 'Look for a #foreach over a very large list, or render fewer rows.',
  },
  TEMPLATE_OUTPUT_TOO_LARGE: {
    title: "The template's output is too large",
    action: 'Render fewer rows, or let the converter return less data.',
  },
  TEMPLATE_INCLUDE_LIMIT: {
    title: 'Too many nested templates',
    action: 'Check $PQ.template calls for a template that includes itself.',
  },
  INTERNAL_ERROR: {
    title: 'Something went wrong',
    action: 'Try again. If it keeps happening, the app logs contain the details.',
  },
};

export function adviceFor(code: string): ErrorAdvice {
  return (ERROR_ADVICE as Record<string, ErrorAdvice>)[code] ?? ERROR_ADVICE.INTERNAL_ERROR;
}
