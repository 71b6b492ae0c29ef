// The FetchPort for Node outside Forge (local host, CLI, tests), on node:http
// and node:https. It checks every address a host name resolves to at connect
// time, which also covers names that resolve to loopback and DNS rebinding:
// the address checked is the address connected to. Forge has its own egress
// proxy and uses @forge/api's fetch instead.

import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { Readable } from 'node:stream';
import tls from 'node:tls';
import zlib from 'node:zlib';
import { UpstreamError } from '../../errors/upstream-error';
import type { FetchPort, FetchRequest, FetchResponse } from '../ports';
import { classifyAddress, classifyHostname, isIpLiteral } from './addresses';
import { isPrivateHostAllowed } from './hosts';
import type { NetworkPolicy } from './types';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Same shape as `dns.lookup`; tests inject one that resolves a name to loopback. */
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

export interface NodeFetchOptions {
  policy: NetworkPolicy;
  /** Extra trusted certificates (PEM), added to Node's built-in roots, e.g. a self-signed local API. */
  ca?: string | string[];
  lookup?: LookupFunction;
}

const defaultLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => callback(error, addresses));
};

function privateAddressError(url: URL, address: string, reason: string): UpstreamError {
  return new UpstreamError('HOST_NOT_ALLOWED', `${url.hostname} resolves to ${address}, which is ${reason}. The app does not connect to internal addresses.`, {
    hint: 'Use the public address of the API. If this deployment really must reach that host, its operator can allow it in the network policy.',
    details: { url: `${url.protocol}//${url.host}` },
  });
}

/** Wraps a lookup so that connecting to a private address fails unless the policy allows this host and port. */
function guardedLookup(url: URL, policy: NetworkPolicy, lookup: LookupFunction) {
  const allowed = isPrivateHostAllowed(policy.privateHostsAllowed, url);
  return (hostname: string, options: LookupOptions | number, callback: LookupCallback): void => {
    const normalized: LookupOptions = typeof options === 'number' ? { family: options } : { ...options };
    lookup(hostname, { ...normalized, all: true }, (error, result) => {
      if (error) return callback(error, '');

      const addresses = typeof result === 'string' ? [{ address: result, family: result.includes(':') ? 6 : 4 }] : result;
      if (!allowed) {
        for (const entry of addresses) {
          const reason = classifyAddress(entry.address);
          if (reason) return callback(privateAddressError(url, entry.address, reason) as unknown as NodeJS.ErrnoException, '');
        }
      }

      if (normalized.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
}

function decoderFor(encoding: string | undefined): NodeJS.ReadWriteStream | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      // Unzip reads both zlib-wrapped and gzip data; servers disagree on what "deflate" means.
      return zlib.createUnzip();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

function headersOf(raw: http.IncomingHttpHeaders, decoded: boolean): FetchResponse['headers'] {
  const entries = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (decoded && (name === 'content-encoding' || name === 'content-length')) continue;
    entries.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return {
    get: (name) => entries.get(name.toLowerCase()) ?? null,
    forEach: (callback) => entries.forEach((value, key) => callback(value, key)),
  };
}

export function createNodeFetch(options: NodeFetchOptions): FetchPort {
  const extraCa = options.ca === undefined ? [] : Array.isArray(options.ca) ? options.ca : [options.ca];
  const ca = extraCa.length > 0 ? [...tls.rootCertificates, ...extraCa] : undefined;
  const lookup = options.lookup ?? defaultLookup;

  return (url: string, init: FetchRequest) =>
    new Promise<FetchResponse>((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'https:' && target.protocol !== 'http:') {
        reject(new UpstreamError('HOST_NOT_ALLOWED', `The scheme ${target.protocol} cannot be fetched.`));
        return;
      }

      // Node skips the lookup for IP literals, so they are checked here.
      const literalReason = isIpLiteral(target.hostname.replace(/^\[|\]$/g, '')) ? classifyHostname(target.hostname) : undefined;
      if (literalReason && !isPrivateHostAllowed(options.policy.privateHostsAllowed, target)) {
        reject(privateAddressError(target, target.hostname, literalReason));
        return;
      }
      if (init.signal.aborted) {
        reject(init.signal.reason);
        return;
      }

      const headers: Record<string, string | number> = { 'accept-encoding': 'gzip, deflate, br', ...init.headers };
      if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body, 'utf8');

      const requestOptions: https.RequestOptions = {
        method: init.method,
        headers,
        agent: false,
        lookup: guardedLookup(target, options.policy, lookup) as unknown as https.RequestOptions['lookup'],
      };
      if (ca) requestOptions.ca = ca;

      const send = target.protocol === 'https:' ? https.request : http.request;
      let body: Readable | undefined;

      const request = send(target, requestOptions, (response) => {
        const decoder = decoderFor(response.headers['content-encoding']);
        body = decoder ? (response.pipe(decoder) as unknown as Readable) : response;
        if (decoder) {
          response.on('error', (error) => body?.destroy(error));
          response.on('aborted', () => body?.destroy(new Error('The connection closed before the response ended.')));
          // A reader that stops early destroys the decoder; the socket must close with it.
          body.on('close', () => response.destroy());
        }
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          headers: headersOf(response.headers, decoder !== undefined),
          body: body as AsyncIterable<Uint8Array>,
        });
      });

      const onAbort = () => {
        const reason = init.signal.reason instanceof Error ? init.signal.reason : new Error('The request was aborted.');
        request.destroy(reason);
        body?.destroy(reason);
      };
      init.signal.addEventListener('abort', onAbort, { once: true });
      request.on('close', () => {
        if (!body) init.signal.removeEventListener('abort', onAbort);
      });
      request.on('error', reject);
      request.end(init.body);
    });
}
