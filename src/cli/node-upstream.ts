// A minimal REST client for the CLI on Node's fetch: https only (unless the
// datasource allows http), the base URL's host only, auth from the
// environment, the datasource's timeout and size limit, no redirects.
// NOTE: the shared REST client (src/core/http) was not exported when the CLI
// was written; replace this adapter with it once it is, to get its SSRF
// guard, redirect checks and error envelopes.

import type { Datasource } from '../contract/entities';
import type { ErrorCode } from '../contract/errors';
import type { RunWarning } from '../contract/run';
import { AppError } from '../errors/app-error';
import type { OutboundRequest, UpstreamResponse } from '../core/http';
import type { UpstreamClient } from '../core/run';

export type SecretReader = (datasource: Datasource, name: 'password' | 'token') => string | undefined;

function statusCode(status: number): ErrorCode {
  if (status === 401) return 'AUTH_FAILED';
  if (status === 403) return 'UPSTREAM_FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  return status >= 500 ? 'UPSTREAM_ERROR' : 'UPSTREAM_CLIENT_ERROR';
}

function authHeaders(datasource: Datasource, readSecret: SecretReader): Record<string, string> {
  const auth = datasource.auth;
  if (auth.kind === 'none') return {};
  const secretName = auth.kind === 'basic' ? 'password' : 'token';
  const secret = readSecret(datasource, secretName);
  if (secret === undefined) {
    throw new AppError('SECRET_MISSING', `Datasource "${datasource.name}" needs a ${secretName}, and the config file names no environment variable for it.`, {
      hint: `Add "secretEnv": {"${secretName}": "VARIABLE_NAME"} to the datasource in the config file.`,
    });
  }
  if (auth.kind === 'basic') return { authorization: `Basic ${Buffer.from(`${auth.username}:${secret}`).toString('base64')}` };
  if (auth.placement === 'bearer') return { authorization: `Bearer ${secret}` };
  return { [auth.headerName ?? 'authorization']: `${auth.prefix ?? ''}${secret}` };
}

export function createNodeUpstream(readSecret: SecretReader): UpstreamClient {
  return async (datasource: Datasource, request: OutboundRequest): Promise<UpstreamResponse> => {
    const base = new URL(datasource.baseUrl);
    const url = new URL(datasource.baseUrl.replace(/\/+$/, '') + request.path);
    const shownUrl = `${url.origin}${url.pathname}`;
    const warnings: RunWarning[] = [];
    if (url.host !== base.host) {
      throw new AppError('HOST_NOT_ALLOWED', `The request would leave the datasource's host ${base.host}.`, { details: { url: shownUrl } });
    }
    if (url.protocol !== 'https:') {
      if (!datasource.allowInsecureHttp) {
        throw new AppError('INSECURE_HTTP', `Datasource "${datasource.name}" uses plain http, which is not allowed.`, {
          hint: 'Use an https base URL, or allow insecure http on the datasource.',
        });
      }
      warnings.push({ code: 'INSECURE_HTTP', message: `Datasource "${datasource.name}" is reached over plain http.` });
    }

    const headers: Record<string, string> = { accept: 'application/json', ...datasource.headers, ...authHeaders(datasource, readSecret) };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method,
        headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(datasource.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new AppError(timedOut ? 'TIMEOUT' : 'CONNECTION_FAILED', timedOut ? `${shownUrl} did not answer within ${datasource.timeoutMs} ms.` : `Could not connect to ${shownUrl}.`, {
        details: { url: shownUrl, method: request.method },
        cause: error,
      });
    }

    const text = await readLimited(response, datasource.maxResponseBytes, shownUrl);
    if (response.status >= 300) {
      throw new AppError(statusCode(response.status), `${request.method} ${shownUrl} answered ${response.status}.`, {
        details: { status: response.status, url: shownUrl, method: request.method },
      });
    }

    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      if (key !== 'set-cookie') responseHeaders[key] = value;
    });
    const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
    let json: unknown = null;
    try {
      json = body.trim() === '' ? null : JSON.parse(body);
    } catch {
      json = null;
    }
    return {
      status: response.status,
      url: shownUrl,
      redirects: [],
      headers: responseHeaders,
      contentType: (response.headers.get('content-type') ?? '').split(';')[0]!.trim(),
      text: body,
      json,
      bytes: Buffer.byteLength(body),
      durationMs: Math.round(performance.now() - started),
      warnings,
    };
  };
}

async function readLimited(response: Response, maxBytes: number, shownUrl: string): Promise<string> {
  const buffer = Buffer.from(await response.arrayBuffer());
  if (buffer.byteLength > maxBytes) {
    throw new AppError('TOO_LARGE', `The response from ${shownUrl} is larger than ${maxBytes} bytes.`, {
      details: { url: shownUrl, limit: { name: 'maxResponseBytes', value: maxBytes } },
    });
  }
  return buffer.toString('utf8');
}
