// Rules ajv cannot express: URL schemes and parts, host patterns, header
// names, secret values, parameters and cache durations. Each problem names the
// field, the value and what to do.

import type { AuthConfig, Datasource, Query, SecretChanges } from '../../contract/entities';
import { describeCacheDurationRule, parseCacheDuration } from '../cache/duration';
import { classifyHostname } from '../http/addresses';
import { isEgressDeclared, suggestEgressEntry } from '../http/egress';
import { isPrivateHostAllowed, isUrlAllowed, parseHostPattern } from '../http/hosts';
import type { NetworkPolicy } from '../http/types';
import { checkQueryParameters } from '../params/check-query';
import { isCalendarDate } from '../params/values';
import { LIMITS } from './schemas';
import type { Problem } from './shape';

export interface CheckReport {
  problems: Problem[];
  warnings: string[];
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const SPACE_KEY = /^~?[A-Za-z0-9_-]{1,255}$/;

/** Headers the client sets itself or that carry credentials, which belong in the auth settings. */
const RESERVED_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'accept-encoding',
]);

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

export function checkName(name: string, problems: Problem[]): void {
  if (name.trim() === '') problems.push({ field: 'name', message: 'name is empty. Enter a name.' });
  else if (name !== name.trim()) problems.push({ field: 'name', message: `name ${quote(name)} starts or ends with spaces. Remove them.` });
  if (CONTROL.test(name)) problems.push({ field: 'name', message: 'name contains a control character such as a line break. Remove it.' });
  if (/[<>]/.test(name)) problems.push({ field: 'name', message: `name ${quote(name)} contains < or >. Names are plain text; remove the markup.` });
}

/** Parses an absolute http(s) URL for a datasource, adding a problem when it is not one. */
function checkBaseUrl(text: string, allowInsecureHttp: boolean, problems: Problem[]): URL | undefined {
  const field = 'baseUrl';
  if (text !== text.trim() || /\s/.test(text)) {
    problems.push({ field, message: `baseUrl ${quote(text)} contains spaces. Remove them, or encode a space in a path as %20.` });
    return undefined;
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push({ field, message: `baseUrl ${quote(text)} is not an absolute URL. Enter one such as https://jira.example.com.` });
    return undefined;
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push({ field, message: `baseUrl ${quote(text)} uses the scheme ${url.protocol.replace(':', '')}. Only https:// (or http:// when allowed) can be used.` });
    return undefined;
  }
  if (!/^https?:\/\//i.test(text)) {
    problems.push({ field, message: `baseUrl ${quote(text)} must start with https:// followed by the host.` });
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    problems.push({ field, message: 'baseUrl contains a user name or password. Remove them from the URL and enter them under authentication, where they are stored encrypted.' });
  }
  if (url.search !== '' || url.hash !== '') {
    problems.push({ field, message: `baseUrl ${quote(text)} has a query string or fragment. Put those in the query's URL instead.` });
  }
  if (url.protocol === 'http:' && !allowInsecureHttp) {
    problems.push({ field, message: `baseUrl ${quote(text)} uses plain http, which sends data and credentials unencrypted. Use https://, or allow insecure http for this datasource.` });
  }
  return url;
}

function checkNetworkPolicy(url: URL, network: NetworkPolicy | undefined, report: CheckReport): void {
  if (!network) return;

  const privateReason = classifyHostname(url.hostname);
  if (privateReason && !isPrivateHostAllowed(network.privateHostsAllowed, url)) {
    report.problems.push({
      field: 'baseUrl',
      message: `baseUrl host ${url.host} is ${privateReason}. The app does not connect to internal addresses unless the deployment allows that host.`,
    });
  }
  if (network.egressAllowList && !isEgressDeclared(network.egressAllowList, url)) {
    report.warnings.push(`The app's manifest does not declare ${url.host} as an egress address, so requests will be blocked. Add ${suggestEgressEntry(url)} to permissions.external.fetch.backend and redeploy.`);
  }
}

function checkHeaderName(field: string, name: string, problems: Problem[]): boolean {
  if (!HEADER_NAME.test(name)) {
    problems.push({ field, message: `${field} ${quote(name)} is not a valid HTTP header name. Use letters, digits and - only.` });
    return false;
  }
  return true;
}

function checkAuth(auth: AuthConfig, problems: Problem[]): void {
  if (auth.kind === 'basic') {
    if (auth.username.includes(':')) problems.push({ field: 'auth/username', message: 'auth/username contains ":", which HTTP Basic authentication cannot send. Use an API token instead.' });
    if (CONTROL.test(auth.username)) problems.push({ field: 'auth/username', message: 'auth/username contains a control character. Remove it.' });
  }
  if (auth.kind !== 'token') return;

  if (auth.placement === 'header') {
    if (auth.headerName === undefined) {
      problems.push({ field: 'auth/headerName', message: 'auth/headerName is missing. Enter the header the API reads the token from, such as X-API-Key.' });
    } else if (checkHeaderName('auth/headerName', auth.headerName, problems) && RESERVED_HEADERS.has(auth.headerName.toLowerCase()) && auth.headerName.toLowerCase() !== 'authorization') {
      problems.push({ field: 'auth/headerName', message: `auth/headerName ${quote(auth.headerName)} is a header the client manages itself. Pick the header your API documents.` });
    }
  } else if (auth.headerName !== undefined) {
    problems.push({ field: 'auth/headerName', message: 'auth/headerName is only used when the token is sent in a named header. Remove it, or choose the header placement.' });
  }
  if (auth.prefix !== undefined && CONTROL.test(auth.prefix)) {
    problems.push({ field: 'auth/prefix', message: 'auth/prefix contains a control character. Remove it.' });
  }
  if (auth.expiresAt !== undefined && !isCalendarDate(auth.expiresAt)) {
    problems.push({ field: 'auth/expiresAt', message: `auth/expiresAt ${quote(auth.expiresAt)} is not a date. Write it as YYYY-MM-DD.` });
  }
}

function checkRelativePath(field: string, text: string, problems: Problem[]): void {
  if (!text.startsWith('/') || text.startsWith('//') || text.includes('\\')) {
    problems.push({ field, message: `${field} ${quote(text)} must be a path relative to the base URL, starting with a single /, such as /rest/api/2/serverInfo.` });
  }
  if (/\s/.test(text) || CONTROL.test(text)) {
    problems.push({ field, message: `${field} ${quote(text)} contains spaces or control characters. Encode a space as %20.` });
  }
  if (text.includes('#')) {
    problems.push({ field, message: `${field} ${quote(text)} contains "#". The fragment is never sent to the server; remove it.` });
  }
}

export function checkDatasource(draft: Datasource, network?: NetworkPolicy): CheckReport {
  const report: CheckReport = { problems: [], warnings: [] };
  const { problems } = report;

  checkName(draft.name, problems);
  const baseUrl = checkBaseUrl(draft.baseUrl, draft.allowInsecureHttp, problems);
  checkAuth(draft.auth, problems);
  checkRelativePath('testPath', draft.testPath, problems);

  for (const [name, value] of Object.entries(draft.headers)) {
    const field = `headers/${name}`;
    if (checkHeaderName(field, name, problems) && RESERVED_HEADERS.has(name.toLowerCase())) {
      problems.push({ field, message: `${field}: ${name} cannot be a static header. Credentials belong in the authentication settings, where they are stored encrypted; the client sets the others itself.` });
    }
    if (CONTROL.test(value)) problems.push({ field, message: `${field} contains a control character such as a line break. Remove it.` });
  }

  for (const [index, entry] of draft.allowedHosts.entries()) {
    const pattern = parseHostPattern(entry.host);
    if (!pattern) {
      problems.push({ field: `allowedHosts/${index}/host`, message: `allowedHosts/${index}/host ${quote(entry.host)} is not a host pattern. Use api.example.com, *.example.com or api.example.com:8443.` });
    }
    if (entry.pathPrefix !== undefined && (!entry.pathPrefix.startsWith('/') || /\/\.\.?(\/|$)|[?#\s]/.test(entry.pathPrefix))) {
      problems.push({ field: `allowedHosts/${index}/pathPrefix`, message: `allowedHosts/${index}/pathPrefix ${quote(entry.pathPrefix)} must be a plain path starting with /, such as /rest/api.` });
    }
  }

  if (baseUrl) {
    if (problems.every((problem) => !problem.field.startsWith('allowedHosts')) && !isUrlAllowed(draft.allowedHosts, baseUrl, baseUrl)) {
      problems.push({ field: 'allowedHosts', message: `The allowed hosts do not cover the base URL's host ${baseUrl.host}. Add it, or leave the list empty to allow only that host.` });
    }
    checkNetworkPolicy(baseUrl, network, report);
    if (baseUrl.protocol === 'http:' && draft.allowInsecureHttp) {
      report.warnings.push('This datasource uses plain http: data and credentials travel unencrypted, and every result shows a warning.');
    }
  }
  if (draft.auth.kind === 'basic') {
    report.warnings.push('HTTP Basic sends a password with every request. If the API supports API tokens, use one instead: it can be scoped and revoked.');
  }
  return report;
}

/** Checks secret values sent with a save. Values go into HTTP headers, so line breaks are refused. */
export function checkSecretChanges(changes: SecretChanges, problems: Problem[]): void {
  for (const [name, value] of Object.entries(changes)) {
    const field = `secrets/${name}`;
    if (name !== 'password' && name !== 'token') {
      problems.push({ field, message: `${field} is not a secret a datasource uses. Send password or token.` });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (value === '') problems.push({ field, message: `${field} is empty. Enter the ${name}, or send null to delete the stored one.` });
    if (value.length > LIMITS.secret) problems.push({ field, message: `${field} is longer than ${LIMITS.secret} characters.` });
    if (CONTROL.test(value)) problems.push({ field, message: `${field} contains a line break or another control character. Paste the ${name} again without it.` });
  }
}

export function checkQuery(draft: Query): CheckReport {
  const report: CheckReport = { problems: [], warnings: [] };
  const { problems } = report;

  checkName(draft.name, problems);
  checkRelativePath('url', draft.url, problems);
  if (/^[a-z][a-z0-9+.-]*:/i.test(draft.url)) {
    problems.push({ field: 'url', message: `url ${quote(draft.url)} is absolute. Enter only the path after the datasource's base URL.` });
  }

  if (draft.method === 'GET' && draft.body !== undefined && draft.body.trim() !== '') {
    problems.push({ field: 'body', message: 'body is set, but GET requests carry no body. Switch the method to POST or remove the body.' });
  }

  if (parseCacheDuration(draft.cacheDuration) === undefined) {
    problems.push({ field: 'cacheDuration', message: `cacheDuration ${quote(draft.cacheDuration)} is not a duration. ${describeCacheDurationRule()}` });
  }

  for (const [index, space] of draft.spaces.entries()) {
    if (!SPACE_KEY.test(space)) problems.push({ field: `spaces/${index}`, message: `spaces/${index} ${quote(space)} is not a space key. Use the key shown in the space's URL, such as ENG.` });
  }

  const parameterReport = checkQueryParameters(draft);
  problems.push(...parameterReport.problems);
  report.warnings.push(...parameterReport.warnings);
  return report;
}
