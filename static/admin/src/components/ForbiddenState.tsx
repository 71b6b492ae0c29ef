// The view for a caller who is not a Confluence admin: no lists, no data, only the reason.

import EmptyState from '@atlaskit/empty-state';

export function ForbiddenState() {
  return (
    <div data-testid="forbidden-state">
      <EmptyState
        header="Only Confluence administrators can open this page"
        description="This page manages connections to REST APIs and their credentials. Ask a Confluence administrator to add or change a query for you, or to grant you administrator rights."
        headingLevel={2}
      />
    </div>
  );
}
