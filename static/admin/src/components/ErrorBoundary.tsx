// Keeps a rendering bug from blanking the whole page. The admin gets a message
// and a Reload button instead of an empty frame.

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
