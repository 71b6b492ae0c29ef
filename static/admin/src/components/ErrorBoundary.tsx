// Keeps a rendering bug from blanking the whole page: the admin sees what
// happened and can reload, and unsaved work in other tabs of the browser is
// not affected.

import { Component, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorPanel } from './ErrorPanel';

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <ErrorPanel
        error={{ code: 'INTERNAL_ERROR', message: 'The admin page hit an unexpected problem and stopped showing this view.' }}
        actions={<Button onClick={() => window.location.reload()}>Reload the page</Button>}
      />
    );
  }
}
