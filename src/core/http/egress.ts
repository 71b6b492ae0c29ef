// Forge's egress rules, as @forge/egress 3.0.0 matches backend fetch entries:
// - scheme and host only, the path is ignored;
// - the port is part of the host, and an entry without a scheme means https;
// - `*.example.com` covers subdomains, not `example.com` and not a URL with a port;
// - `*` covers everything.

export function isEgressDeclared(entries: string[], url: URL): boolean {
  return entries.some((entry) => egressEntryMatches(entry.trim().toLowerCase(), url));
}

function egressEntryMatches(entry: string, url: URL): boolean {
  if (entry === '*') return true;

  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//.exec(entry);
  const scheme = schemeMatch ? `${schemeMatch[1]}:` : 'https:';
  if (scheme !== url.protocol) return false;

  const authority = (schemeMatch ? entry.slice(schemeMatch[0].length) : entry).replace(/\/.*$/, '');
  const host = url.port === '' ? url.hostname : `${url.hostname}:${url.port}`;
  if (authority.startsWith('*.')) {
    return url.port === '' && url.hostname.endsWith(authority.slice(1));
  }
  return authority === host.toLowerCase();
}

/** Suggests the manifest entry that would allow this URL, e.g. `https://jira.example.com`. */
export function suggestEgressEntry(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
