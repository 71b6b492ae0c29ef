/** @jsxImportSource preact */
// The macro view: loads the saved config, runs the query, and shows the result
// or what went wrong. A re-run (refresh, new viewer parameters) keeps the last
// result on screen until the new one arrives.

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MacroConfig, ParameterDefinition } from '../../../src/contract/entities';
import type { WireError } from '../../../src/contract/errors';
import type { RunResult } from '../../../src/contract/run';
import type { Role } from '../../shared/src/error-text';
import { enableTheme, loadMacroContext } from '../../shared/src/platform';
import { callResolver } from '../../shared/src/resolver-client';
import { toWireError } from '../../shared/src/resolver-error';
import { ErrorPanel } from '../../shared/src/result/error-panel';
import { isEmptyResult } from '../../shared/src/result/is-empty-result';
import { ResultView } from '../../shared/src/result/result-view';
import { Skeleton } from '../../shared/src/result/skeleton';
import { Warnings } from '../../shared/src/result/warnings';
import { loadViewerParameters } from './viewer-parameter-source';
import { ViewerParameterBar } from './viewer-parameter-bar';
import { ResultToolbar } from './result-toolbar';
import { fetchRole } from '../../shared/src/role';

type Phase =
  | { kind: 'loading' }
  | { kind: 'unconfigured' }
  | { kind: 'ready'; result: RunResult }
  | { kind: 'error'; error: WireError; role: Role };

export function MacroApp() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [isBusy, setBusy] = useState(false);
  const [config, setConfig] = useState<MacroConfig | undefined>(undefined);
  const [siteUrl, setSiteUrl] = useState('');
  const [editable, setEditable] = useState<ParameterDefinition[]>([]);
  const [viewerValues, setViewerValues] = useState<Record<string, string>>({});
  const latestRequest = useRef(0);

  const run = useCallback(async (currentConfig: MacroConfig, values: Record<string, string>, mode: 'run' | 'refresh') => {
    // Responses can arrive out of order when a viewer applies parameters quickly; only the latest one is shown.
    const request = ++latestRequest.current;
    setBusy(true);

    const payload = Object.keys(values).length > 0 ? { config: currentConfig, viewerParameters: values } : { config: currentConfig };
    try {
      const result = await callResolver(mode === 'refresh' ? 'macro/refresh' : 'macro/run', payload);
      if (request !== latestRequest.current) return;

      setPhase({ kind: 'ready', result });
      const definitions = await loadViewerParameters(result, currentConfig.queryId);
      if (request === latestRequest.current) setEditable(definitions);
    } catch (error) {
      const wire = toWireError(error);
      const role = await fetchRole();
      if (request === latestRequest.current) setPhase({ kind: 'error', error: wire, role });
    } finally {
      if (request === latestRequest.current) setBusy(false);
    }
  }, []);

  useEffect(() => {
    void enableTheme();
    loadMacroContext()
      .then((context) => {
        setSiteUrl(context.siteUrl);
        if (context.config === undefined) {
          setPhase({ kind: 'unconfigured' });
          return;
        }
        setConfig(context.config);
        void run(context.config, {}, 'run');
      })
      .catch(async (error: unknown) => {
        setPhase({ kind: 'error', error: toWireError(error), role: await fetchRole() });
      });
  }, [run]);

  if (phase.kind === 'loading') return <Skeleton />;

  if (phase.kind === 'unconfigured') {
    return <p class="pq-empty">This macro has no query yet. Edit the macro on the page to choose one.</p>;
  }

  const rerun = (mode: 'run' | 'refresh', values = viewerValues) => {
    if (config !== undefined) void run(config, values, mode);
  };

  return (
    <div class="pq-macro" aria-busy={isBusy}>
      {editable.length > 0 && config !== undefined && (
        <ViewerParameterBar
          definitions={editable}
          savedValues={config.parameters}
          disabled={isBusy}
          onApply={(values) => {
            setViewerValues(values);
            rerun('run', values);
          }}
        />
      )}
      {phase.kind === 'error' ? (
        <ErrorPanel error={phase.error} role={phase.role} onRetry={() => rerun('run')} />
      ) : (
        <>
          <ResultToolbar result={phase.result} isBusy={isBusy} onRefresh={() => rerun('refresh')} />
          <Warnings warnings={phase.result.warnings} />
          {isEmptyResult(phase.result) ? (
            <p class="pq-empty" data-state="empty">
              {phase.result.emptyMessage || 'No data to show.'}
            </p>
          ) : (
            <ResultView result={phase.result} siteUrl={siteUrl} />
          )}
        </>
      )}
    </div>
  );
}
