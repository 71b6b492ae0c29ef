// Identity of the caller. The shell names the selected user in the X-Local-Account-Id
// header (and in the pq_local_user cookie for page loads); scripts send the
// header. This replaces Forge's signed invocation principal.

import type { IncomingMessage } from 'node:http';
import { ADMIN_USER, findUser, LOCAL_USERS, type LocalUser } from '../confluence/users';
import { HttpError } from './respond';

export const ACCOUNT_HEADER = 'x-local-account-id';
export const USER_COOKIE = 'pq_local_user';

/** Reads the user an API call runs as. The header is required, so a script never runs as someone by accident. */
export function requireApiUser(request: IncomingMessage): LocalUser {
  const header = request.headers[ACCOUNT_HEADER];
  const accountId = Array.isArray(header) ? header[0] : header;
  if (!accountId) {
    throw new HttpError(401, `Name the calling user in the ${ACCOUNT_HEADER} header: one of ${knownIds()}.`);
  }

  const user = findUser(accountId);
  if (!user) throw new HttpError(401, `Unknown account id "${accountId}" in ${ACCOUNT_HEADER}; use one of ${knownIds()}.`);
  return user;
}

/** Reads the user a page load shows: the cookie the user switcher sets, else the admin. */
export function pageUser(request: IncomingMessage): LocalUser {
  return findUser(readCookie(request, USER_COOKIE)) ?? ADMIN_USER;
}

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function knownIds(): string {
  return LOCAL_USERS.map((user) => `"${user.accountId}"`).join(', ');
}
