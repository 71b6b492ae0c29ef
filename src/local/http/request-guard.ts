// Guards for a server on 127.0.0.1 that other web pages in the same browser can
// reach: a Host check against DNS rebinding, and an Origin check so that
// another site cannot post to the API with the user's cookies.

import type { IncomingMessage } from 'node:http';
import { HttpError } from './respond';

export function checkHost(request: IncomingMessage, port: number): void {
  const host = (request.headers.host ?? '').toLowerCase();
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowed.includes(host)) {
    throw new HttpError(421, `The local host answers only to ${allowed.join(' or ')}, not to Host "${host}".`);
  }
}

/** State-changing requests must come from the shell's own origin (or from a non-browser client, which sends no Origin). */
export function checkOrigin(request: IncomingMessage, port: number): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const allowed = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  if (!allowed.includes(origin.toLowerCase())) {
    throw new HttpError(403, `Requests from origin "${origin}" are not accepted.`);
  }
}
