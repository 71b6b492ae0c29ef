// The query editor: datasource, method, URL and body with parameters detected
// as they are typed, converter, template, cache and spaces, and a live preview.

import { useCallback, useMemo, useRef } from 'react';
import Lozenge from '@atlaskit/lozenge';
import Select, { CreatableSelect } from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import TextField from '@atlaskit/textfield';
import type { EntityDraft, ParameterDefinition } from '../../../../src/contract/entities';
import type { EditorProps } from '../app/EntitySection';
import { useUnsavedGuard } from '../app/navigation';
import { useEntityEditor } from '../app/use-entity-editor';
import { useSummaries } from '../app/use-summaries';
import { CodeEditor } from '../components/LazyCodeEditor';
import { EditorShell } from '../components/EditorShell';
import { Field, problemsByField } from '../components/Field';
import { isValidCacheDuration, syncParameters, usedParameterNames, usedWildcards } from './parameters';
import { ParameterTable } from './ParameterTable';
import { PreviewPanel } from './PreviewPanel';
import { WildcardList } from './WildcardList';

export function newQueryDraft(): EntityDraft<'query'> {
  return {
    kind: 'query',
    name: '',
    description: '',
    datasourceId: '',
    method: 'GET',
    url: '/',
    parameters: [],
    cacheDuration: '5m',
    spaces: [],
  };
}

const METHODS = [
  { label: 'GET', value: 'GET' as const },
  { label: 'POST', value: 'POST' as const },
];

export function QueryEditor({ id, onBack, onSavedNew, onDeleted, onOpen }: EditorProps) {
  const editor = useEntityEditor('query', id, newQueryDraft, onSavedNew);
  useUnsavedGuard(editor.dirty);
  const datasources = useSummaries('datasource');
  const converters = useSummaries('converter');
  const templates = useSummaries('template');
  const stash = useRef(new Map<string, ParameterDefinition>());
  const draft = editor.draft;
  const problems = useMemo(() => problemsByField(editor.error?.details?.problems), [editor.error]);

  // URL or body edits re-detect the parameters in the same update, so rows never lag the text.
  const setTemplateText = useCallback(
    (change: Partial<Pick<EntityDraft<'query'>, 'url' | 'body' | 'method'>>) =>
      editor.update((previous) => {
        const next = { ...previous, ...change };
        const body = next.method === 'POST' ? next.body : undefined;
        return { ...next, parameters: syncParameters(previous.parameters, usedParameterNames(next.url, body), stash.current) };
      }),
    [editor],
  );
  const set = useCallback(
    <F extends keyof EntityDraft<'query'>>(field: F, value: EntityDraft<'query'>[F]) => editor.update((previous) => ({ ...previous, [field]: value })),
    [editor],
  );

  const datasourceOptions = (datasources ?? []).map((item) => ({ label: item.insecure ? `${item.name} (insecure http)` : item.name, value: item.id }));
  const converterOptions = [{ label: 'None: use the JSON response as it is', value: '' }, ...(converters ?? []).map((item) => ({ label: item.name, value: item.id }))];
  const templateOptions = [{ label: 'Default: a sortable table', value: '' }, ...(templates ?? []).map((item) => ({ label: item.name, value: item.id }))];
  const selectedDatasource = datasources?.find((item) => item.id === draft.datasourceId);
  const wildcards = usedWildcards(draft.url, draft.method === 'POST' ? draft.body : undefined);
  const cacheError = problems.get('cacheDuration') ?? (isValidCacheDuration(draft.cacheDuration) ? undefined : 'Use 0, or a number with s, m, h or d: 30s, 15m, 12h, 3d.');

  return (
    <EditorShell
      kind="query"
      editor={editor}
      isNew={!id && editor.version === undefined}
      badges={
        selectedDatasource?.insecure ? (
          <span data-testid="insecure-badge">
            <Lozenge appearance="removed">insecure http</Lozenge>
          </span>
        ) : null
      }
      onBack={onBack}
      onSave={() => void editor.save()}
      onOverwrite={() => void editor.overwrite()}
      onDeleted={onDeleted}
      onOpen={onOpen}
    >
      <div className="pq-form">
        <div className="pq-row">
          <Field label="Name" error={problems.get('name')}>
            {({ id: fieldId }) => <TextField id={fieldId} value={draft.name} onChange={(event) => set('name', event.currentTarget.value)} testId="query-name" autoFocus={!id} />}
          </Field>
          <Field label="Datasource" error={problems.get('datasourceId')}>
            {({ id: fieldId }) => (
              <Select
                inputId={fieldId}
                options={datasourceOptions}
                value={datasourceOptions.find((option) => option.value === draft.datasourceId) ?? null}
                onChange={(option) => option && set('datasourceId', option.value)}
                isLoading={datasources === undefined}
                placeholder="Choose a datasource"
                testId="query-datasource"
                classNamePrefix="query-datasource"
              />
            )}
          </Field>
        </div>
        <Field label="Description">
          {({ id: fieldId }) => <TextArea id={fieldId} value={draft.description} minimumRows={2} onChange={(event) => set('description', event.currentTarget.value)} />}
        </Field>

        <div className="pq-url-row">
          <Field label="Method">
            {({ id: fieldId }) => (
              <Select
                inputId={fieldId}
                options={METHODS}
                value={METHODS.find((option) => option.value === draft.method)}
                onChange={(option) => option && setTemplateText({ method: option.value })}
              />
            )}
          </Field>
          <Field
            label="URL, relative to the datasource"
            error={problems.get('url')}
            helper={
              <>
                Parameters start with a colon: <code>/search?jql=project%3D:project</code>. Write <code>::</code> for a literal colon.
              </>
            }
          >
            {({ id: fieldId, describedBy }) => (
              <TextField
                id={fieldId}
                aria-describedby={describedBy}
                className="pq-mono"
                elemBeforeInput={selectedDatasource ? <span className="pq-prefix pq-mono pq-muted">{selectedDatasource.name}</span> : undefined}
                value={draft.url}
                onChange={(event) => setTemplateText({ url: event.currentTarget.value })}
                testId="query-url"
              />
            )}
          </Field>
        </div>
        {draft.method === 'POST' && (
          <div className="pq-field">
            <span className="pq-label">JSON body</span>
            <CodeEditor
              value={draft.body ?? ''}
              onChange={(body) => setTemplateText({ body })}
              language="json"
              label="JSON body, with :name parameters in value positions"
              minHeight="100px"
            />
            {problems.get('body') && <span className="pq-error-text">{problems.get('body')}</span>}
          </div>
        )}

        <fieldset className="pq-fieldset">
          <legend>Parameters</legend>
          <ParameterTable parameters={draft.parameters} onChange={(parameters) => set('parameters', parameters)} problems={problems} />
        </fieldset>
        <WildcardList used={wildcards} />

        <div className="pq-row pq-row--3">
          <Field label="Converter" error={problems.get('converterId')}>
            {({ id: fieldId }) => (
              <Select
                inputId={fieldId}
                options={converterOptions}
                value={converterOptions.find((option) => option.value === (draft.converterId ?? ''))}
                onChange={(option) => option && set('converterId', option.value || undefined)}
                isLoading={converters === undefined}
                classNamePrefix="query-converter"
              />
            )}
          </Field>
          <Field label="Template" error={problems.get('templateId')}>
            {({ id: fieldId }) => (
              <Select
                inputId={fieldId}
                options={templateOptions}
                value={templateOptions.find((option) => option.value === (draft.templateId ?? ''))}
                onChange={(option) => option && set('templateId', option.value || undefined)}
                isLoading={templates === undefined}
                classNamePrefix="query-template"
              />
            )}
          </Field>
          <Field label="Cache duration" error={cacheError} helper="How long a result is reused before the API is called again. 0 turns caching off.">
            {({ id: fieldId, describedBy }) => (
              <TextField
                id={fieldId}
                aria-describedby={describedBy}
                value={draft.cacheDuration}
                isInvalid={Boolean(cacheError)}
                onChange={(event) => set('cacheDuration', event.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <Field label="Spaces" error={problems.get('spaces')} helper="Space keys where pages may use this query. Leave empty to allow every space.">
          {({ id: fieldId }) => (
            <CreatableSelect
              inputId={fieldId}
              isMulti
              options={[]}
              value={draft.spaces.map((key) => ({ label: key, value: key }))}
              onChange={(options) => set('spaces', options.map((option) => option.value.trim().toUpperCase()).filter(Boolean))}
              placeholder="Type a space key and press Enter"
              formatCreateLabel={(input: string) => `Add space ${input.toUpperCase()}`}
            />
          )}
        </Field>

        <PreviewPanel id={id} draft={draft} insecure={Boolean(selectedDatasource?.insecure)} />
      </div>
    </EditorShell>
  );
}
