// Types of the REST client: what the caller injects, what it sends and what
// comes back.

import type { HttpMethod } from '../../contract/entities';
import type { RunWarning } from '../../contract/run';
import type { Clock, FetchPort, Logger } from '../ports';
import type { SecretStore } from '../store/types';

/**
 * Deployment-wide rules for outbound connections, set by the code that hosts
 * the app (the Forge handler, the local host, the CLI), never by a datasource.
 */
export interface NetworkPolicy {
  /**
   * Loopback or private hosts a datasource may reach anyway, as `host` (any
   * port) or `host:port`, e.g. `127.0.0.1:8443` for the local demo API.
   */
  privateHostsAllowed: string[];
  /**
   * The egress addresses of the Forge manifest (`permissions.external.fetch.backend`).
   * When set, a request to a host they do not cover fails with EGRESS_NOT_DECLARED
   * before it is sent, and a bare 403 is read as Forge's egress proxy blocking it.
   */
  egressAllowList?: string[];
}

export const DEFAULT_NETWORK_POLICY: NetworkPolicy = { privateHostsAllowed: [] };

/** Dependencies of the REST client. Resolver deps satisfy it as they are. */
export interface HttpDeps {
  fetch: FetchPort;
  secrets: SecretStore;
  clock: Clock;
  network: NetworkPolicy;
  logger?: Logger;
}

export interface OutboundRequest {
  method: HttpMethod;
  /** URL relative to the datasource's base URL, already encoded, e.g. `/rest/api/2/search?jql=project%3DABC`. */
  path: string;
  /** JSON text, for POST. */
  body?: string;
}

export interface UpstreamResponse {
  status: number;
  /** Final URL after redirects, safe to show: no credentials. */
  url: string;
  /** Every URL that returned a redirect, in order. */
  redirects: string[];
  /** Response headers with lower-case names; `set-cookie` is dropped. */
  headers: Record<string, string>;
  /** Media type without parameters, e.g. `application/json`; empty when the server sent none. */
  contentType: string;
  /** Body decoded as text, UTF-8 BOM removed. */
  text: string;
  /** Parsed JSON body; `null` for an empty body. */
  json: unknown;
  /** Decoded body size in bytes. */
  bytes: number;
  durationMs: number;
  warnings: RunWarning[];
}
