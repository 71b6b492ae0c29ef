// CodeMirror loads on first use, so the lists and the datasource editor do not
// wait for it.

import { lazy, Suspense, type ComponentProps } from 'react';
import Spinner from '@atlaskit/spinner';

const CodeMirrorEditor = lazy(() => import('./CodeEditor').then((module) => ({ default: module.CodeEditor })));

export type { CodeMark } from './CodeEditor';

export function CodeEditor(props: ComponentProps<typeof CodeMirrorEditor>) {
  return (
    <Suspense
      fallback={
        <div className="pq-code-loading" style={{ minHeight: props.minHeight ?? '160px' }} role="status" aria-label="Loading the code editor">
          <Spinner size="medium" />
        </div>
      }
    >
      <CodeMirrorEditor {...props} />
    </Suspense>
  );
}
