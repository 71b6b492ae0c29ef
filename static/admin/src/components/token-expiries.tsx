// Token expiry dates for the datasource list. List rows carry no auth details,
// so each datasource is read once; an admin has few datasources.

import { useEffect, useState } from 'react';
import Lozenge from '@atlaskit/lozenge';
import type { EntityKind, EntitySummary } from '../../../../src/contract/entities';
import { ENTITY_API } from '../api/entities';
import { tokenExpiry } from '../datasources/security';

/** Maps datasource id to its token expiry date, for datasources that have one. */
export function useTokenExpiries(kind: EntityKind, items: EntitySummary[] | undefined): Map<string, string> {
  const [expiries, setExpiries] = useState(new Map<string, string>());

  useEffect(() => {
    if (kind !== 'datasource' || !items) return;
    let live = true;
    Promise.all(
      items.map(async (item) => {
        try {
          const { draft } = await ENTITY_API.datasource.get(item.id);
          return draft.auth.kind === 'token' && draft.auth.expiresAt ? ([item.id, draft.auth.expiresAt] as const) : undefined;
        } catch {
          // A datasource deleted meanwhile simply gets no badge.
          return undefined;
        }
      }),
    ).then((entries) => {
      if (live) setExpiries(new Map(entries.filter((entry) => entry !== undefined)));
    });
    return () => {
      live = false;
    };
  }, [kind, items]);

  return expiries;
}

/** "expires in 3 days" or "token expired", only inside the warning window. */
export function ExpiryBadge({ expiresAt }: { expiresAt?: string }) {
  const expiry = tokenExpiry(expiresAt);
  if (expiry.state === 'expired') {
    return (
      <span data-testid="expiry-badge">
        <Lozenge appearance="removed">token expired</Lozenge>
      </span>
    );
  }
  if (expiry.state !== 'soon') return null;
  return (
    <span data-testid="expiry-badge">
      <Lozenge appearance="moved">{expiry.days === 0 ? 'token expires today' : `token expires in ${expiry.days} ${expiry.days === 1 ? 'day' : 'days'}`}</Lozenge>
    </span>
  );
}
