// Maps an upstream error status to a stable code, with the upstream's own
// message and a hint with the admin's next step.

import type { Datasource } from '../../contract/entities';
import type { ErrorCode, ErrorDetails } from '../../contract/errors';
import { UpstreamError } from '../../errors/upstream-error';
import type { Clock } from '../ports';
import { extractUpstreamMessage } from './envelope';
import { suggestEgressEntry } from './egress';

export interface ErrorResponse {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  contentType: string;
  text: string;
  url: URL;
  displayUrl: string;
  method: string;
}

export interface StatusContext {
  datasource: Datasource;
  clock: Clock;
  /** Set when running behind Forge's egress proxy. */
  behindEgressProxy: boolean;
  tokenExpiredOn?: string;
  redact: (text: string) => string;
}

/** Seconds from a Retry-After header (seconds or HTTP date) or GitHub's x-ratelimit-reset. */
export function retryAfterSeconds(headers: ErrorResponse['headers'], now: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) - Math.floor(now / 1000));
  return undefined;
}

function authHint(datasource: Datasource): string {
  switch (datasource.auth.kind) {
    case 'basic':
      return 'Check the username and password in the datasource settings. Atlassian Cloud and GitHub reject account passwords: use an API token as the password.';
    case 'token':
      return 'Check that the token is valid, not revoked and has the scopes this API needs, then replace it in the datasource settings.';
    default:
      return 'The API requires authentication. Choose Basic or token authentication in the datasource settings and enter the credentials.';
  }
}

export function errorForStatus(response: ErrorResponse, context: StatusContext): UpstreamError {
  const { status, url, method } = response;
  const host = url.host;
  const rawMessage = extractUpstreamMessage(response.contentType, response.text);
  const upstreamMessage = rawMessage === undefined ? undefined : context.redact(rawMessage);
  const details: ErrorDetails = { status, method, url: response.displayUrl };
  if (upstreamMessage !== undefined) details.upstreamMessage = upstreamMessage;
  const says = upstreamMessage ? ` It said: ${upstreamMessage}` : '';
  const make = (code: ErrorCode, message: string, hint: string, extra: ErrorDetails = {}) =>
    new UpstreamError(code, message, { hint, details: { ...details, ...extra } });

  if (status === 401) {
    if (context.tokenExpiredOn) {
      return make('TOKEN_EXPIRED', `${host} rejected the token (HTTP 401), which expired on ${context.tokenExpiredOn}.${says}`, 'Create a new token with the API provider and replace it in the datasource settings, with its new expiry date.');
    }
    return make('AUTH_FAILED', `${host} rejected the credentials (HTTP 401).${says}`, authHint(context.datasource));
  }

  if (status === 403) {
    if (context.behindEgressProxy && response.text.trim() === '') {
      const egressEntry = suggestEgressEntry(url);
      return make('EGRESS_BLOCKED', `Forge's egress proxy blocked the request to ${host} (HTTP 403 with an empty body).`, `Add ${egressEntry} to permissions.external.fetch.backend in manifest.yml and deploy again.`, { egressEntry });
    }
    if (response.headers.get('x-ratelimit-remaining') === '0') {
      const retry = retryAfterSeconds(response.headers, context.clock.now());
      return make('RATE_LIMITED', `${host} refused the request because the rate limit is used up (HTTP 403).${says}`, retryHint(retry), retry === undefined ? {} : { retryAfterSeconds: retry });
    }
    return make('UPSTREAM_FORBIDDEN', `${host} refused access (HTTP 403).${says}`, 'The credentials work but lack permission for this resource. Grant the account access, or use a token with more scopes.');
  }

  if (status === 404) {
    return make('NOT_FOUND', `${host} has nothing at ${url.pathname} (HTTP 404).${says}`, 'Check the query URL and the parameter values. Some APIs, Jira among them, also answer 404 when the account may not see the resource.');
  }

  if (status === 429) {
    const retry = retryAfterSeconds(response.headers, context.clock.now());
    return make('RATE_LIMITED', `${host} is rate limiting requests (HTTP 429).${says}`, retryHint(retry), retry === undefined ? {} : { retryAfterSeconds: retry });
  }

  if (status >= 500) {
    const retry = retryAfterSeconds(response.headers, context.clock.now());
    return make('UPSTREAM_ERROR', `${host} failed with HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}.${says}`, 'The API had a problem of its own. Try again later; if it persists, contact the API owner.', retry === undefined ? {} : { retryAfterSeconds: retry });
  }

  return make('UPSTREAM_CLIENT_ERROR', `${host} rejected the request with HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}.${says}`, 'Check the query URL, body and parameter values against the API documentation.');
}

function retryHint(seconds: number | undefined): string {
  const wait = seconds === undefined ? 'a while' : `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `Wait ${wait} before trying again, and give the query a longer cache duration so it calls the API less often.`;
}
