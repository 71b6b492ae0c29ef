// The view for a caller who is not a Confluence admin: no lists, no data, only the reason.

import EmptyState from '@atlaskit/empty-state';
import { ERROR_ADVICE } from '../api/error-catalog';

export function ForbiddenState() {
  return (
    <div data-testid="forbidden-state">
      <EmptyState
        header="Only Confluence administrators can open this page"
        description={ERROR_ADVICE.FORBIDDEN.action}
        headingLevel={2}
      />
    </div>
  );
}
