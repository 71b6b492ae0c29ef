// The template editor: Velocity source beside the list of variables and
// helpers, and a preview against sample data, which can come from a
// converter run on its saved sample input.

import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import Select from '@atlaskit/select';
import type { EntityDraft } from '../../../../src/contract/entities';
import type { WireError } from '../../../../src/contract/errors';
import type { RunResult } from '../../../../src/contract/run';
import { call, toWireError } from '../api/client';
import { ENTITY_API } from '../api/entities';
import type { EditorProps } from '../app/EntitySection';
import { useUnsavedGuard } from '../app/navigation';
import { useEntityEditor } from '../app/use-entity-editor';
import { useSummaries } from '../app/use-summaries';
import { CodeEditor } from '../components/LazyCodeEditor';
import { EditorShell } from '../components/EditorShell';
import { ErrorPanel } from '../components/ErrorPanel';
import { problemsByField } from '../components/Field';
import { prettyJson } from '../components/format';
import { marksFromError } from '../components/marks';
import { NameDescriptionRow } from '../components/NameDescriptionRow';
import { RenderedResult } from '../components/RenderedResult';
import { DEFAULT_TEMPLATE_SOURCE } from './reference';
import { TemplateReference } from './TemplateReference';

export function newTemplateDraft(): EntityDraft<'template'> {
  return { kind: 'template', name: '', description: '', source: DEFAULT_TEMPLATE_SOURCE };
}

const SAMPLE_DATA = prettyJson([
  { name: 'First row', count: 3 },
  { name: 'Second row', count: 5 },
]);

export function TemplateEditor({ id, onBack, onSavedNew, onDeleted, onOpen }: EditorProps) {
  const editor = useEntityEditor('template', id, newTemplateDraft, onSavedNew);
  useUnsavedGuard(editor.dirty);
  const converters = useSummaries('converter');
  const [dataText, setDataText] = useState(SAMPLE_DATA);
  const [dataError, setDataError] = useState<WireError | undefined>();
  const [loadingData, setLoadingData] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<RunResult | undefined>();
  const [runError, setRunError] = useState<WireError | undefined>();
  const draft = editor.draft;
  const problems = useMemo(() => problemsByField(editor.error?.details?.problems), [editor.error]);
  const marks = useMemo(() => [...marksFromError(runError), ...marksFromError(editor.error)], [runError, editor.error]);

  const loadFromConverter = async (converterId: string) => {
    setLoadingData(true);
    setDataError(undefined);
    try {
      const converter = await ENTITY_API.converter.get(converterId);
      const outcome = await call('converters/test', { source: converter.draft.source, sampleInput: converter.draft.sampleInput });
      setDataText(prettyJson(outcome.output));
    } catch (caught) {
      setDataError(toWireError(caught));
    } finally {
      setLoadingData(false);
    }
  };

  const preview = async () => {
    setRunError(undefined);
    let data: unknown;
    try {
      data = JSON.parse(dataText);
    } catch (caught) {
      setRunError({ code: 'INVALID_REQUEST', message: `The sample data is not valid JSON: ${caught instanceof Error ? caught.message : 'parse error'}.` });
      return;
    }
    setRunning(true);
    try {
      setResult(await call('templates/preview', { source: draft.source, data }));
    } catch (caught) {
      setResult(undefined);
      setRunError(toWireError(caught));
    } finally {
      setRunning(false);
    }
  };

  const insert = (snippet: string) => editor.update((previous) => ({ ...previous, source: `${previous.source}${previous.source.endsWith('\n') ? '' : '\n'}${snippet}` }));
  const converterOptions = (converters ?? []).map((item) => ({ label: item.name, value: item.id }));

  return (
    <EditorShell
      kind="template"
      editor={editor}
      isNew={!id && editor.version === undefined}
      onBack={onBack}
      onSave={() => void editor.save()}
      onOverwrite={() => void editor.overwrite()}
      onDeleted={onDeleted}
      onOpen={onOpen}
    >
      <div className="pq-form">
        <NameDescriptionRow
          testIdPrefix="template"
          name={draft.name}
          description={draft.description}
          nameError={problems.get('name')}
          autoFocus={!id}
          onChange={(patch) => editor.update((previous) => ({ ...previous, ...patch }))}
        />

        <div className="pq-split pq-split--reference">
          <div className="pq-field">
            <span className="pq-label">Source (Velocity and HTML)</span>
            <CodeEditor
              value={draft.source}
              onChange={(source) => editor.update((previous) => ({ ...previous, source }))}
              language="velocity-html"
              label="Template source (Velocity and HTML). Ctrl+Enter previews it."
              marks={marks}
              onRun={() => void preview()}
              minHeight="320px"
              maxHeight="640px"
              testId="template-source"
            />
          </div>
          <TemplateReference onInsert={insert} />
        </div>

        <section className="pq-card" aria-label="Template preview" data-testid="template-preview">
          <h3 className="pq-h3">Preview</h3>
          <div className="pq-inline">
            <div style={{ minWidth: 320 }}>
              <Select
                aria-label="Fill the sample data from a converter's output"
                placeholder="Fill from a converter's output…"
                options={converterOptions}
                value={null}
                onChange={(option) => option && void loadFromConverter(option.value)}
                isLoading={converters === undefined || loadingData}
              />
            </div>
            <Button appearance="primary" onClick={() => void preview()} isLoading={running} testId="run-template">
              Preview
            </Button>
          </div>
          {dataError && <ErrorPanel error={dataError} />}
          <div className="pq-split">
            <div className="pq-field">
              <span className="pq-label">Sample data ($result)</span>
              <CodeEditor value={dataText} onChange={setDataText} language="json" label="Sample data for $result, as JSON" minHeight="200px" testId="template-data" />
            </div>
            <div>
              {runError && <ErrorPanel error={runError} />}
              {result && <RenderedResult result={result} />}
              {!result && !runError && <p className="pq-muted">Press Preview to render the template with this data.</p>}
            </div>
          </div>
        </section>
      </div>
    </EditorShell>
  );
}
