import type { Role } from './error-text';
import { callResolver } from './resolver-client';

let pendingRole: Promise<Role> | undefined;

/**
 * Returns whether the caller is a Confluence admin, asked once per page load
 * and only when an error needs wording. When the check itself fails the
 * viewer wording is used, which never points at settings the caller cannot open.
 */
export function fetchRole(): Promise<Role> {
  pendingRole ??= callResolver('session/whoami', {})
    .then((session): Role => (session.isAdmin ? 'admin' : 'viewer'))
    .catch((): Role => 'viewer');
  return pendingRole;
}
