// The one function every outbound REST call goes through. It builds the URL
// from the datasource and adds credentials at call time. Scheme, hosts and
// addresses are checked before the request and on every redirect hop, and at
// most five redirects are followed by hand. The timeout and size limit apply
// while the body streams. Every failure becomes a typed error with the
// upstream's own message and a hint.

import type { Datasource } from '../../contract/entities';
import type { RunWarning } from '../../contract/run';
import { isAppError } from '../../errors/app-error';
import { UpstreamError } from '../../errors/upstream-error';
import type { FetchResponse } from '../ports';
import { buildAuth, redact } from './auth';
import { BodyTooLargeError, decodeText, isJsonMediaType, parseContentType, readBody } from './body';
import { extractWarningMessages, htmlTitle, looksLikeHtml } from './envelope';
import { checkTarget, displayUrl } from './guard';
import { errorForStatus } from './status';
import { classifyTransportError } from './transport-errors';
import type { HttpDeps, OutboundRequest, UpstreamResponse } from './types';

export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface SendOptions {
  /** `json` (default) requires a JSON body and parses it; `any` returns any body as text. */
  expect?: 'json' | 'any';
  /** Return error statuses as responses instead of throwing; "Test connection" reports them itself. */
  acceptErrorStatus?: boolean;
}

/** Joins a relative request path onto the base URL, refusing anything that leaves the base URL's origin or path. */
export function resolveRequestUrl(datasource: Datasource, path: string): URL {
  const base = new URL(datasource.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const relative = path.startsWith('/') ? path : `/${path}`;

  const invalid = () =>
    new UpstreamError('HOST_NOT_ALLOWED', `The request path ${JSON.stringify(path.slice(0, 200))} would leave the base URL of "${datasource.name}".`, {
      hint: 'Query URLs are relative to the datasource base URL: start them with / and do not use .. or another host.',
      details: { url: displayUrl(base) },
    });

  if (relative.startsWith('//') || relative.includes('\\')) throw invalid();
  let url: URL;
  try {
    url = new URL(`${base.origin}${basePath}${relative}`);
  } catch {
    throw invalid();
  }
  const insideBase = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`) || basePath === '';
  if (url.origin !== base.origin || !insideBase) throw invalid();
  return url;
}

export async function sendRequest(deps: HttpDeps, datasource: Datasource, request: OutboundRequest, options: SendOptions = {}): Promise<UpstreamResponse> {
  const started = deps.clock.now();
  const method = request.method;
  let url = resolveRequestUrl(datasource, request.path);
  const firstHost = url.host;

  const warnings: RunWarning[] = [];
  if (url.protocol === 'http:' && datasource.allowInsecureHttp) {
    warnings.push({ code: 'INSECURE_HTTP', message: `"${datasource.name}" uses plain http: the data and credentials travel unencrypted.` });
  }

  const auth = await buildAuth(datasource, deps.secrets, deps.clock.now());
  warnings.push(...auth.warnings);
  const clean = (text: string) => redact(text, auth.secretValues);

  let headers: Record<string, string> = {
    accept: 'application/json, text/plain;q=0.9, */*;q=0.8',
    ...lowerCaseKeys(datasource.headers),
    ...auth.headers,
  };
  let body = request.body;
  if (body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  let currentMethod: string = method;

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, datasource.timeoutMs);

  const redirects: string[] = [];
  const log = { datasourceId: datasource.id, method, host: firstHost };

  try {
    let response: FetchResponse;
    for (;;) {
      checkTarget(url, datasource, deps.network, currentMethod);
      const init = body === undefined ? { method: currentMethod, headers, redirect: 'manual' as const, signal: controller.signal } : { method: currentMethod, headers, body, redirect: 'manual' as const, signal: controller.signal };
      response = await deps.fetch(url.href, init);

      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || !location) break;

      await discard(response);
      redirects.push(clean(displayUrl(url)));
      if (redirects.length > MAX_REDIRECTS) {
        throw new UpstreamError('TOO_MANY_REDIRECTS', `${firstHost} redirected more than ${MAX_REDIRECTS} times.`, {
          hint: 'The API is probably redirecting in a loop, often to a login page. Check the base URL (http vs https, trailing path) and the credentials.',
          details: { method, url: clean(displayUrl(url)), limit: { name: 'maxRedirects', value: MAX_REDIRECTS } },
        });
      }

      const next = parseLocation(location, url);
      if (!next) {
        throw new UpstreamError('UPSTREAM_CLIENT_ERROR', `${url.host} redirected to ${JSON.stringify(clean(location).slice(0, 200))}, which is not a valid URL.`, {
          hint: 'The API sent a broken redirect. Check the base URL and query path with the API owner.',
          details: { status: response.status, method: currentMethod, url: clean(displayUrl(url)) },
        });
      }
      // Like browsers, credentials never follow a redirect to another origin.
      if (next.origin !== url.origin) headers = withoutKeys(headers, auth.credentialHeaders);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && currentMethod === 'POST')) {
        currentMethod = 'GET';
        body = undefined;
        headers = withoutKeys(headers, ['content-type']);
      }
      url = next;
    }

    // A redirect status that names no target is not data: passing it on would show an empty or HTML body as the result.
    if (response.status >= 300 && response.status < 400 && !options.acceptErrorStatus) {
      await discard(response);
      throw new UpstreamError('UPSTREAM_CLIENT_ERROR', `${url.host} returned HTTP ${response.status} without a Location header to follow.`, {
        hint: 'Check the query URL against the API documentation; a redirect without a target often means the URL points at a web page, not the REST API.',
        details: { status: response.status, method: currentMethod, url: clean(displayUrl(url)) },
      });
    }

    const result = await readResponse(response, url, currentMethod, datasource, options, controller.signal);
    if (response.status >= 400 && !options.acceptErrorStatus) {
      throw errorForStatus(
        { status: response.status, statusText: response.statusText, headers: response.headers, contentType: result.contentType, text: result.text, url, displayUrl: clean(displayUrl(url)), method: currentMethod },
        { datasource, clock: deps.clock, behindEgressProxy: deps.network.egressAllowList !== undefined, tokenExpiredOn: auth.tokenExpiredOn, redact: clean },
      );
    }

    for (const message of extractWarningMessages(result.json)) warnings.push({ code: 'UPSTREAM_WARNING', message: clean(message) });
    const durationMs = deps.clock.now() - started;
    deps.logger?.info('http.response', { ...log, status: response.status, durationMs, bytes: result.bytes, redirects: redirects.length });

    return { ...result, status: response.status, url: clean(displayUrl(url)), redirects, durationMs, warnings };
  } catch (error) {
    const failure = toUpstreamError(error, { timedOut, datasource, method: currentMethod, url, clean });
    deps.logger?.warn('http.error', { ...log, code: failure.code, status: failure.details.status, durationMs: deps.clock.now() - started });
    throw failure;
  } finally {
    clearTimeout(timer);
    // Closes the connection of a body that was not read to the end (a size limit or an error status).
    if (!controller.signal.aborted) controller.abort(new Error('The request is complete.'));
  }
}

async function readResponse(
  response: FetchResponse,
  url: URL,
  method: string,
  datasource: Datasource,
  options: SendOptions,
  signal: AbortSignal,
): Promise<Pick<UpstreamResponse, 'headers' | 'contentType' | 'text' | 'json' | 'bytes'>> {
  const limit = datasource.maxResponseBytes;
  const declaredLength = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declaredLength) && declaredLength > limit && !response.headers.get('content-encoding')) {
    await discard(response);
    throw new BodyTooLargeError(limit);
  }

  const bytes = await readBody(response.body, limit, signal);
  const { mediaType, charset } = parseContentType(response.headers.get('content-type'));
  const headers = headerRecord(response.headers);
  const expectJson = options.expect !== 'any' && response.status < 400;

  let text: string;
  try {
    text = decodeText(bytes, charset, expectJson);
  } catch {
    throw new UpstreamError('INVALID_JSON', `The response from ${url.host} is not valid UTF-8 text.`, {
      hint: 'JSON must be UTF-8. Check that the URL returns JSON, or ask the API owner to fix the encoding.',
      details: { status: response.status, method, url: displayUrl(url) },
    });
  }

  const base = { headers, contentType: mediaType, text, bytes: bytes.length };
  if (response.status === 204 || text.trim() === '') return { ...base, json: null };
  if (!expectJson) return { ...base, json: tryParse(text, mediaType) };

  if (looksLikeHtml(mediaType, text)) {
    const title = htmlTitle(text);
    const login = /log\s?in|sign\s?in|anmelden|authenticat/i.test(`${title ?? ''} ${text.slice(0, 4000)}`);
    throw new UpstreamError('UNEXPECTED_CONTENT', `${url.host} returned an HTML page${title ? ` titled "${title}"` : ''} instead of JSON${login ? '; it looks like a login page' : ''}.`, {
      hint: login
        ? 'The API did not accept the credentials and sent its login page. Check the authentication settings; some servers need an API token rather than a password.'
        : 'Check that the query URL points at the REST API (often under /rest/ or /api/), not at a web page.',
      details: { status: response.status, method, url: displayUrl(url), upstreamMessage: title ? `HTML page "${title}"` : 'an HTML page' },
    });
  }

  try {
    return { ...base, json: JSON.parse(text) as unknown };
  } catch (error) {
    if (!isJsonMediaType(mediaType) && mediaType !== '') {
      const what = mediaType.includes('xml') ? 'an XML document' : mediaType.startsWith('text/') ? 'plain text' : `content of type ${mediaType}`;
      throw new UpstreamError('UNEXPECTED_CONTENT', `${url.host} returned ${what} instead of JSON.`, {
        hint: 'Check that the query URL returns JSON. Some APIs need an Accept or format parameter, such as ?format=json.',
        details: { status: response.status, method, url: displayUrl(url), upstreamMessage: text.trim().slice(0, 200) },
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new UpstreamError('INVALID_JSON', `The response from ${url.host} is not valid JSON: ${reason}.`, {
      hint: 'The API sent a broken or cut-off document. Try again; if it persists, check the URL with the API documentation.',
      details: { status: response.status, method, url: displayUrl(url) },
    });
  }
}

function parseLocation(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

function tryParse(text: string, mediaType: string): unknown {
  if (!isJsonMediaType(mediaType) && !/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toUpstreamError(
  error: unknown,
  context: { timedOut: boolean; datasource: Datasource; method: string; url: URL; clean: (text: string) => string },
): UpstreamError {
  const { datasource, method, url, clean } = context;
  const details = { method, url: clean(displayUrl(url)) };

  if (error instanceof BodyTooLargeError) {
    return new UpstreamError('TOO_LARGE', `The response from ${url.host} is larger than the datasource's maximum response size of ${error.limit} bytes (maxResponseBytes).`, {
      hint: 'Ask the API for less data (fields=, maxResults=, per_page=) or raise the maximum response size of the datasource.',
      details: { ...details, limit: { name: 'maxResponseBytes', value: error.limit } },
    });
  }
  if (context.timedOut) {
    return new UpstreamError('TIMEOUT', `${url.host} did not send a complete response within the datasource's timeout of ${datasource.timeoutMs} ms (timeoutMs).`, {
      hint: 'Ask the API for less data, or raise the timeout of the datasource (at most 20000 ms).',
      details: { ...details, limit: { name: 'timeoutMs', value: datasource.timeoutMs } },
    });
  }
  if (isAppError(error)) {
    // Messages can quote the response (an HTML title, a body excerpt, a JSON parse error), and an API may echo the credentials it got.
    const upstreamMessage = error.details.upstreamMessage === undefined ? {} : { upstreamMessage: clean(error.details.upstreamMessage) };
    const merged = error instanceof UpstreamError ? { ...error.details, ...upstreamMessage } : { ...error.details, ...details, ...upstreamMessage };
    return new UpstreamError(error.code, clean(error.message), { hint: error.hint, details: merged, cause: error });
  }
  return classifyTransportError(error, url.host, details);
}

async function discard(response: FetchResponse): Promise<void> {
  const body = response.body;
  if (!body) return;
  try {
    if ('getReader' in body) await body.cancel();
    else await (body[Symbol.asyncIterator]().return?.() ?? Promise.resolve());
  } catch {
    // The body is unwanted; failing to cancel it leaves nothing to clean up.
  }
}

function lowerCaseKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
}

function withoutKeys(record: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

function headerRecord(headers: FetchResponse['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, key) => {
    if (key.toLowerCase() !== 'set-cookie') record[key.toLowerCase()] = value;
  });
  return record;
}
