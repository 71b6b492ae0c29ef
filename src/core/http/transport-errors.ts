// Turning what a fetch implementation throws (Node's errno codes, TLS codes,
// node-fetch's FetchError on Forge) into the app's stable error codes.

import { UpstreamError } from '../../errors/upstream-error';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const record = current as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof record.code === 'string') codes.push(record.code);
    if (typeof record.errno === 'string') codes.push(record.errno);
    current = record.cause;
  }
  return codes;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isTlsCode(code: string): boolean {
  return /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH|ALTNAME/.test(code);
}

/** Classifies a transport failure on `host`. The message never includes headers or credentials. */
export function classifyTransportError(error: unknown, host: string, details: { method: string; url: string }): UpstreamError {
  const codes = codesOf(error);
  const message = messageOf(error);
  const base = { details: { method: details.method, url: details.url }, cause: error };

  const dnsCode = codes.find((code) => DNS_CODES.has(code)) ?? (/getaddrinfo|ENOTFOUND|EAI_AGAIN/.test(message) ? 'ENOTFOUND' : undefined);
  if (dnsCode) {
    return new UpstreamError('DNS_ERROR', `The host name ${host} could not be resolved (${dnsCode}).`, {
      ...base,
      hint: 'Check the spelling of the base URL. If the API is on an internal network, it is not reachable from this app.',
    });
  }

  const tlsCode = codes.find(isTlsCode) ?? (/certificate|SSL|TLS/i.test(message) ? 'TLS' : undefined);
  if (tlsCode) {
    const expired = /EXPIRED/.test(tlsCode);
    const selfSigned = /SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(tlsCode);
    const mismatch = /ALTNAME|HOSTNAME/.test(tlsCode);
    const reason = expired
      ? 'its certificate has expired'
      : selfSigned
        ? 'its certificate is self-signed or issued by an unknown authority'
        : mismatch
          ? `its certificate is not valid for the name ${host}`
          : 'the TLS handshake failed';
    return new UpstreamError('TLS_ERROR', `The secure connection to ${host} failed: ${reason} (${tlsCode}).`, {
      ...base,
      hint: 'Ask the API owner for a certificate from a public authority that matches the host name. The app does not skip certificate checks.',
    });
  }

  const connectionCode = codes.find((code) => CONNECTION_CODES.has(code));
  return new UpstreamError('CONNECTION_FAILED', `The connection to ${host} failed${connectionCode ? ` (${connectionCode})` : ''}.`, {
    ...base,
    hint: 'Check that the API is up and reachable from the internet, and that the base URL has the right port.',
  });
}
