// Keys both front ends call at start-up to decide what to show.

import type { AdminCheck } from './admin-check';
import type { ActionsFor } from './scope';

export function sessionActions(adminCheck: AdminCheck): ActionsFor<'session/whoami'> {
  return {
    'session/whoami': async (_payload, { deps, trusted }) => {
      const accountId = trusted.accountId ?? '';
      if (!accountId || trusted.accountType === 'anonymous') return { accountId, isAdmin: false };

      // A failed lookup shows the non-admin view; the admin keys check again on every call.
      const isAdmin = await adminCheck
        .isAdmin(deps.siteId, accountId, deps.confluence, deps.clock)
        .catch(() => false);
      return { accountId, isAdmin };
    },
  };
}
