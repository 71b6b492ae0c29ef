/** @jsxImportSource preact */
// The configuration dialog: pick a query, fill its parameters, preview the
// result, save. The saved config contains only the query id and parameter
// values, because Confluence stores it as plain text in the page.

import { useEffect, useState } from 'preact/hooks';
import type { MacroConfig } from '../../../src/contract/entities';
import type { WireError } from '../../../src/contract/errors';
import type { MacroQuerySummary } from '../../../src/contract/resolvers';
import { closeDialog, enableTheme, loadMacroContext, submitConfig } from '../../shared/src/platform';
import { validateParameters } from '../../shared/src/params/validate-parameter';
import { callResolver } from '../../shared/src/resolver-client';
import { toWireError } from '../../shared/src/resolver-error';
import { ErrorPanel } from '../../shared/src/result/error-panel';
import { Skeleton } from '../../shared/src/result/skeleton';
import { ParameterForm } from './parameter-form';
import { PreviewPanel } from './preview-panel';
import { QueryPicker } from './query-picker';

type Load = { kind: 'loading' } | { kind: 'ready'; queries: MacroQuerySummary[] } | { kind: 'error'; error: WireError };

export function ConfigApp() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [queryId, setQueryId] = useState<string | undefined>(undefined);
  const [values, setValues] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [previewConfig, setPreviewConfig] = useState<MacroConfig | undefined>(undefined);
  const [saveError, setSaveError] = useState<string | undefined>(undefined);
  const [isSaving, setSaving] = useState(false);
  const [siteUrl, setSiteUrl] = useState('');
  const [missingQueryId, setMissingQueryId] = useState<string | undefined>(undefined);

  useEffect(() => {
    void enableTheme();
    Promise.all([loadMacroContext(), callResolver('macro/queries', {})])
      .then(([context, { queries }]) => {
        setSiteUrl(context.siteUrl);
        setLoad({ kind: 'ready', queries });

        const saved = context.config;
        if (saved === undefined) return;

        if (queries.some((query) => query.id === saved.queryId)) {
          setQueryId(saved.queryId);
          setValues(saved.parameters);
          setPreviewConfig(saved);
        } else {
          // Deleted, or no longer allowed in this space: show a note instead of a silently empty form.
          setMissingQueryId(saved.queryId);
        }
      })
      .catch((error: unknown) => setLoad({ kind: 'error', error: toWireError(error) }));
  }, []);

  if (load.kind === 'loading') return <Skeleton rows={6} />;
  // The dialog is only open to page editors; admin wording would point them at settings they may not have.
  if (load.kind === 'error') return <ErrorPanel error={load.error} role="viewer" />;

  const query = load.queries.find((candidate) => candidate.id === queryId);

  const selectQuery = (id: string) => {
    if (id === queryId) return;
    setQueryId(id);
    setValues({});
    setProblems({});
    setSaveError(undefined);
    const selected = load.queries.find((candidate) => candidate.id === id);
    // Preview right away when the query can run on its defaults alone.
    if (selected && Object.keys(validateParameters(selected.parameters, {})).length === 0) setPreviewConfig({ queryId: id, parameters: {} });
    else setPreviewConfig(undefined);
  };

  const draftConfig = (): MacroConfig | undefined => {
    if (query === undefined) {
      setSaveError('Choose a query first.');
      return undefined;
    }
    const found = validateParameters(query.parameters, values);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setSaveError('Fix the highlighted parameters first.');
      focusFirstInvalid();
      return undefined;
    }
    setSaveError(undefined);
    return { queryId: query.id, parameters: keepDeclared(query, values) };
  };

  const preview = () => {
    const config = draftConfig();
    if (config !== undefined) setPreviewConfig(config);
  };

  const save = async () => {
    const config = draftConfig();
    if (config === undefined) return;

    setSaving(true);
    try {
      await submitConfig(config);
    } catch (error) {
      console.error('The macro configuration could not be saved', error);
      setSaveError('Saving failed. Try again, or close the dialog and edit the macro again.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="pq-config">
      <div class="pq-config-columns">
        <section class="pq-config-pick" aria-labelledby="pq-pick-heading">
          <h2 id="pq-pick-heading" class="pq-heading">
            Query
          </h2>
          {missingQueryId !== undefined && queryId === undefined && (
            <p class="pq-field-error" role="status" data-missing-query={missingQueryId}>
              The query this macro used is no longer available here. Choose another one.
            </p>
          )}
          <QueryPicker queries={load.queries} selectedId={queryId} onSelect={selectQuery} />
        </section>
        <section class="pq-config-parameters" aria-labelledby="pq-parameters-heading">
          <h2 id="pq-parameters-heading" class="pq-heading">
            {query ? query.name : 'Parameters'}
          </h2>
          {query === undefined ? (
            <p class="pq-hint">Choose a query to see its parameters.</p>
          ) : (
            <ParameterForm
              query={query}
              values={values}
              problems={problems}
              onChange={(name, value) => {
                setValues({ ...values, [name]: value });
                if (problems[name]) setProblems(withoutKey(problems, name));
              }}
              onPreview={preview}
            />
          )}
        </section>
      </div>
      <PreviewPanel config={previewConfig} siteUrl={siteUrl} />
      <footer class="pq-config-footer">
        {saveError && (
          <span class="pq-field-error" role="alert">
            {saveError}
          </span>
        )}
        <button type="button" class="pq-button" onClick={() => void closeDialog()}>
          Cancel
        </button>
        <button type="button" class="pq-button pq-button-primary" disabled={isSaving} onClick={() => void save()}>
          {isSaving ? 'Saving…' : 'Save'}
        </button>
      </footer>
    </div>
  );
}

/** Keeps values of parameters the query declares and drops empty ones, so the query's defaults apply. */
function keepDeclared(query: MacroQuerySummary, values: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const parameter of query.parameters) {
    const value = values[parameter.name]?.trim() ?? '';
    if (value !== '') kept[parameter.name] = value;
  }
  return kept;
}

function withoutKey(record: Record<string, string>, key: string): Record<string, string> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

function focusFirstInvalid(): void {
  // After Preact has rendered the error state.
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
