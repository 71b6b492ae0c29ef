// Allowed-host patterns of a datasource (`api.example.com`, `*.example.com`,
// `host:8443`, `[::1]:8443`, each with an optional path prefix) and the
// deployment's list of private hosts that may be reached anyway.

import type { AllowedHost } from '../../contract/entities';

export interface HostPattern {
  /** Lower-case ASCII host; for a wildcard, the part after `*.`. IPv6 keeps its brackets. */
  hostname: string;
  isWildcard: boolean;
  /** Absent means the scheme's default port. */
  port?: number;
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DNS_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);

/** Parses `host`, `*.host`, `host:port` or `[v6]:port`; returns undefined when the text is none of these. */
export function parseHostPattern(text: string): HostPattern | undefined {
  const trimmed = text.trim().toLowerCase();
  const isWildcard = trimmed.startsWith('*.');
  const rest = isWildcard ? trimmed.slice(2) : trimmed;

  const match = /^(\[[0-9a-f:.]+\]|[^:/[\]]+)(?::(\d{1,5}))?$/.exec(rest);
  if (!match) return undefined;
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;

  let hostname: string;
  try {
    // The URL parser turns IDN names into punycode and IPv4 forms into dotted decimal.
    hostname = new URL(`https://${match[1] as string}`).hostname;
  } catch {
    return undefined;
  }
  if (!hostname.startsWith('[') && !DNS_NAME.test(hostname) && !/^[\d.]+$/.test(hostname)) return undefined;
  if (isWildcard && (hostname.startsWith('[') || !hostname.includes('.') || /^[\d.]+$/.test(hostname))) return undefined;

  return port === undefined ? { hostname, isWildcard } : { hostname, isWildcard, port };
}

export function formatHostPattern(pattern: HostPattern): string {
  return `${pattern.isWildcard ? '*.' : ''}${pattern.hostname}${pattern.port === undefined ? '' : `:${pattern.port}`}`;
}

export function effectivePort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'http:' ? 80 : 443;
}

export function hostPatternMatches(pattern: HostPattern, url: URL): boolean {
  const hostname = url.hostname.toLowerCase();
  const hostMatches = pattern.isWildcard ? hostname.endsWith(`.${pattern.hostname}`) : hostname === pattern.hostname;
  if (!hostMatches) return false;

  const expectedPort = pattern.port ?? (url.protocol === 'http:' ? 80 : 443);
  return effectivePort(url) === expectedPort;
}

/** Matches a path prefix on segment boundaries: `/rest` covers `/rest` and `/rest/api`, not `/restricted`. */
export function pathPrefixMatches(prefix: string | undefined, pathname: string): boolean {
  if (prefix === undefined || prefix === '' || prefix === '/') return true;
  const normalized = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return pathname === normalized || pathname.startsWith(`${normalized}/`);
}

/** Returns the host a datasource may reach when it lists none: its base URL's host and port. */
export function defaultAllowedHost(baseUrl: URL): AllowedHost {
  return { host: baseUrl.port === '' ? baseUrl.hostname : `${baseUrl.hostname}:${baseUrl.port}` };
}

/** Reports whether a datasource's allowed hosts (or, when empty, its base URL's host) cover a URL. */
export function isUrlAllowed(allowedHosts: AllowedHost[], baseUrl: URL, url: URL): boolean {
  const entries = allowedHosts.length > 0 ? allowedHosts : [defaultAllowedHost(baseUrl)];
  return entries.some((entry) => {
    const pattern = parseHostPattern(entry.host);
    return pattern !== undefined && hostPatternMatches(pattern, url) && pathPrefixMatches(entry.pathPrefix, url.pathname);
  });
}

/** Reports whether the deployment lets this URL's host reach a private or loopback address. */
export function isPrivateHostAllowed(privateHostsAllowed: string[], url: URL): boolean {
  return privateHostsAllowed.some((entry) => {
    const pattern = parseHostPattern(entry);
    if (!pattern || pattern.isWildcard) return false;
    if (pattern.hostname !== url.hostname.toLowerCase()) return false;
    return pattern.port === undefined || pattern.port === effectivePort(url);
  });
}
