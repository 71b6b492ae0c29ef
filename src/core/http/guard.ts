// Checks made before every request and every redirect hop: scheme, the
// datasource's allowed hosts, private and loopback addresses, and Forge's
// declared egress. All of them run before any connection is opened.

import type { Datasource } from '../../contract/entities';
import { UpstreamError } from '../../errors/upstream-error';
import { classifyHostname } from './addresses';
import { isEgressDeclared, suggestEgressEntry } from './egress';
import { isPrivateHostAllowed, isUrlAllowed } from './hosts';
import type { NetworkPolicy } from './types';

/** Formats a URL for display without user info, which the client never sends anyway. */
export function displayUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

export function checkTarget(url: URL, datasource: Datasource, network: NetworkPolicy, method: string): void {
  const details = { method, url: displayUrl(url) };

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UpstreamError('HOST_NOT_ALLOWED', `The URL ${displayUrl(url)} uses the scheme ${url.protocol.replace(':', '')}, which the app never fetches.`, {
      hint: 'Use an https:// URL (or http:// when the datasource allows it). If the API redirected there, check the base URL and the query path with the API owner.',
      details,
    });
  }
  if (url.protocol === 'http:' && !datasource.allowInsecureHttp) {
    throw new UpstreamError('INSECURE_HTTP', `The request to ${url.host} would use plain http, which this datasource does not allow.`, {
      hint: 'Use the https:// address of the API. If it has none, an admin can allow insecure http on the datasource; every result then shows a warning.',
      details,
    });
  }
  if (url.username !== '' || url.password !== '') {
    throw new UpstreamError('HOST_NOT_ALLOWED', `The URL for ${url.host} contains credentials, which the app never sends in a URL.`, {
      hint: 'Enter credentials in the datasource authentication settings.',
      details,
    });
  }

  if (!isUrlAllowed(datasource.allowedHosts, new URL(datasource.baseUrl), url)) {
    throw new UpstreamError('HOST_NOT_ALLOWED', `${url.host}${url.pathname} is not among the allowed hosts of the datasource "${datasource.name}".`, {
      hint: 'If this host is expected (for example a redirect to a CDN), add it to the datasource\'s allowed hosts.',
      details,
    });
  }

  const privateReason = classifyHostname(url.hostname);
  if (privateReason && !isPrivateHostAllowed(network.privateHostsAllowed, url)) {
    throw new UpstreamError('HOST_NOT_ALLOWED', `${url.host} is ${privateReason}. The app does not connect to internal addresses.`, {
      hint: 'Use the public address of the API. If this deployment really must reach that host, its operator can allow it in the network policy.',
      details,
    });
  }

  if (network.egressAllowList && !isEgressDeclared(network.egressAllowList, url)) {
    const egressEntry = suggestEgressEntry(url);
    throw new UpstreamError('EGRESS_NOT_DECLARED', `The app's manifest does not declare ${url.host} as an egress address, so Forge would block the request.`, {
      hint: `Add ${egressEntry} to permissions.external.fetch.backend in manifest.yml and deploy again; admins then approve the new permission.`,
      details: { ...details, egressEntry },
    });
  }
}
