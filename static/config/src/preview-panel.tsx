/** @jsxImportSource preact */
// Runs the draft config through `macro/run`, exactly as the page will, so the
// author sees the result (or the error) before saving.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { MacroConfig } from '../../../src/contract/entities';
import type { WireError } from '../../../src/contract/errors';
import type { RunResult } from '../../../src/contract/run';
import { callResolver } from '../../shared/src/resolver-client';
import { toWireError } from '../../shared/src/resolver-error';
import { ErrorPanel } from '../../shared/src/result/error-panel';
import { isEmptyResult } from '../../shared/src/result/is-empty-result';
import { ResultView } from '../../shared/src/result/result-view';
import { Skeleton } from '../../shared/src/result/skeleton';
import { Warnings } from '../../shared/src/result/warnings';
import type { Role } from '../../shared/src/error-text';
import { fetchRole } from '../../shared/src/role';

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; result: RunResult } | { kind: 'error'; error: WireError; role: Role };

export function PreviewPanel({ config, siteUrl }: { config: MacroConfig | undefined; siteUrl: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const latestRequest = useRef(0);

  useEffect(() => {
    const request = ++latestRequest.current;
    if (config === undefined) {
      setState({ kind: 'idle' });
      return;
    }

    setState({ kind: 'loading' });
    callResolver('macro/run', { config })
      .then((result) => {
        if (request === latestRequest.current) setState({ kind: 'ready', result });
      })
      .catch(async (error: unknown) => {
        const wire = toWireError(error);
        const role = await fetchRole();
        if (request === latestRequest.current) setState({ kind: 'error', error: wire, role });
      });
  }, [config]);

  return (
    <section class="pq-preview" aria-labelledby="pq-preview-heading" data-state={state.kind}>
      <h2 id="pq-preview-heading" class="pq-heading">
        Preview
      </h2>
      {state.kind === 'idle' && <p class="pq-hint">Choose a query and fill its parameters, then select Preview.</p>}
      {state.kind === 'loading' && <Skeleton rows={3} />}
      {state.kind === 'error' && <ErrorPanel error={state.error} role={state.role} />}
      {state.kind === 'ready' && (
        <>
          <Warnings warnings={state.result.warnings} />
          {isEmptyResult(state.result) ? <p class="pq-empty">{state.result.emptyMessage || 'No data to show.'}</p> : <ResultView result={state.result} siteUrl={siteUrl} />}
        </>
      )}
    </section>
  );
}
