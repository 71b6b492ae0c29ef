// Token expiry badge for the datasource list. The list rows carry the expiry
// date, so the list needs no extra call per datasource.

import Lozenge from '@atlaskit/lozenge';
import { tokenExpiry } from '../datasources/security';

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
