// "Test connection": one request to the datasource's test path through the
// same client as every query, reported as facts an admin can act on instead
// of thrown as an error.

import type { ConnectionTestResult } from '../../contract/connection';
import type { Datasource } from '../../contract/entities';
import { isAppError } from '../../errors/app-error';
import { sendRequest } from './client';
import { displayUrl } from './guard';
import type { HttpDeps } from './types';

export async function testConnection(deps: HttpDeps, datasource: Datasource): Promise<ConnectionTestResult> {
  const started = deps.clock.now();
  let url: string;
  try {
    url = displayUrl(new URL(`${new URL(datasource.baseUrl).origin}${new URL(datasource.baseUrl).pathname.replace(/\/+$/, '')}${datasource.testPath}`));
  } catch {
    url = datasource.baseUrl;
  }
  const usesTls = url.startsWith('https:');
  const authSent = datasource.auth.kind !== 'none';

  try {
    const response = await sendRequest(deps, datasource, { method: 'GET', path: datasource.testPath }, { expect: 'any' });
    const notes: string[] = response.warnings.map((warning) => warning.message);
    if (response.redirects.length > 0) notes.push(`The server redirected ${response.redirects.length} time${response.redirects.length === 1 ? '' : 's'}; the final URL was ${response.url}.`);
    if (response.json === undefined) {
      notes.push(`The test path answered with ${response.contentType || 'an unknown content type'}, not JSON. Queries need a path that returns JSON.`);
    }
    if (!authSent) notes.push('No credentials were sent. Public APIs work this way; others answer 401 or show less data.');

    return {
      ok: true,
      url: response.url,
      status: response.status,
      latencyMs: response.durationMs,
      auth: authSent ? 'accepted' : 'not-sent',
      tls: usesTls ? { used: true, note: 'The certificate was verified.' } : { used: false, note: 'Plain http: data and credentials travel unencrypted.' },
      redirects: response.redirects,
      notes,
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const wire = error.toWire();
    const status = error.details.status;
    const rejected = error.code === 'AUTH_FAILED' || error.code === 'TOKEN_EXPIRED' || error.code === 'UPSTREAM_FORBIDDEN';
    const notes: string[] = [];
    if (error.code === 'UPSTREAM_FORBIDDEN') notes.push('The API knows the credentials but refuses this resource: the account or token lacks a permission.');
    if (error.code === 'NOT_FOUND') notes.push('The connection and credentials may be fine; the test path does not exist. Use a path such as /rest/api/2/serverInfo or /api/v1/status/buildinfo.');

    return {
      ok: false,
      url: error.details.url ?? url,
      ...(status === undefined ? {} : { status }),
      latencyMs: deps.clock.now() - started,
      auth: authOutcome(authSent, rejected, status),
      tls: usesTls ? { used: true, ...(error.code === 'TLS_ERROR' ? { note: error.message } : {}) } : { used: false, note: 'Plain http: data and credentials travel unencrypted.' },
      redirects: [],
      notes,
      error: wire,
    };
  }
}

function authOutcome(authSent: boolean, rejected: boolean, status: number | undefined): ConnectionTestResult['auth'] {
  if (!authSent) return 'not-sent';
  if (rejected) return 'rejected';
  // Any other answer below 500 came past the authentication check.
  if (status !== undefined && status < 500) return 'accepted';
  return 'unknown';
}
