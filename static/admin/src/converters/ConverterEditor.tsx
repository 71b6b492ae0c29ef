// The converter editor: JavaScript source, a sample input (pasted or captured
// from a query preview) and "Run" (Ctrl+Enter) that shows the output or the
// error at its line.

import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { EntityDraft } from '../../../../src/contract/entities';
import type { WireError } from '../../../../src/contract/errors';
import { call, toWireError } from '../api/client';
import type { EditorProps } from '../app/EntitySection';
import { useNavigation, useUnsavedGuard } from '../app/navigation';
import { useEntityEditor } from '../app/use-entity-editor';
import { CodeEditor } from '../components/LazyCodeEditor';
import { DataTable } from '../components/DataTable';
import { EditorShell } from '../components/EditorShell';
import { ErrorPanel } from '../components/ErrorPanel';
import { problemsByField } from '../components/Field';
import { formatMs, prettyJson } from '../components/format';
import { marksFromError } from '../components/marks';
import { NameDescriptionRow } from '../components/NameDescriptionRow';

export const DEFAULT_CONVERTER_SOURCE = `// Receives the response text and returns what the template shows:
// usually an array of objects, one per table row.
function convert(json, metadata) {
  const data = JSON.parse(json);
  return data;
}
`;

export function newConverterDraft(): EntityDraft<'converter'> {
  return { kind: 'converter', name: '', description: '', source: DEFAULT_CONVERTER_SOURCE, sampleInput: '' };
}

/**
 * Longest sample the backend accepts for a test run, in characters. It keeps
 * one call under Forge's 500 KB invoke payload limit.
 * NOTE: mirrors SAMPLE_MAX_LENGTH in the resolver payload schemas; change both together.
 */
const SAMPLE_MAX_LENGTH = 400_000;

interface RunOutcome {
  output: unknown;
  durationMs: number;
  engine: string;
}

export function ConverterEditor({ id, onBack, onSavedNew, onDeleted, onOpen }: EditorProps) {
  const editor = useEntityEditor('converter', id, newConverterDraft, onSavedNew);
  useUnsavedGuard(editor.dirty);
  const { capturedSample } = useNavigation();
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<RunOutcome | undefined>();
  const [runError, setRunError] = useState<WireError | undefined>();
  const draft = editor.draft;
  const problems = useMemo(() => problemsByField(editor.error?.details?.problems), [editor.error]);
  const marks = useMemo(() => [...marksFromError(runError), ...marksFromError(editor.error)], [runError, editor.error]);

  const run = async () => {
    setRunning(true);
    setRunError(undefined);
    try {
      setOutcome(await call('converters/test', { source: draft.source, sampleInput: draft.sampleInput }));
    } catch (caught) {
      setOutcome(undefined);
      setRunError(toWireError(caught));
    } finally {
      setRunning(false);
    }
  };

  return (
    <EditorShell
      kind="converter"
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
          testIdPrefix="converter"
          name={draft.name}
          description={draft.description}
          nameError={problems.get('name')}
          autoFocus={!id}
          onChange={(patch) => editor.update((previous) => ({ ...previous, ...patch }))}
        />

        <div className="pq-split">
          <div className="pq-field">
            <span className="pq-label" id="converter-source-label">
              Source: <code>function convert(json, metadata)</code>
            </span>
            <CodeEditor
              value={draft.source}
              onChange={(source) => editor.update((previous) => ({ ...previous, source }))}
              language="javascript"
              label="Converter source (JavaScript). Ctrl+Enter runs it against the sample input."
              marks={marks}
              onRun={() => void run()}
              minHeight="320px"
              maxHeight="640px"
              testId="converter-source"
            />
            <p className="pq-muted pq-small">
              <code>json</code> is the response text: call <code>JSON.parse(json)</code> first. <code>metadata</code> holds the query name, its
              parameters and the response status and headers. The converter runs in a sandbox
              with time and memory limits and no network access.
            </p>
          </div>
          <div className="pq-field">
            <span className="pq-label">Sample input (the raw API response)</span>
            <CodeEditor
              value={draft.sampleInput}
              onChange={(sampleInput) => editor.update((previous) => ({ ...previous, sampleInput }))}
              language="json"
              label="Sample input: the raw response text the converter receives"
              minHeight="320px"
              maxHeight="640px"
              testId="converter-sample"
            />
            <span className={draft.sampleInput.length > SAMPLE_MAX_LENGTH ? 'pq-error-text' : 'pq-muted pq-small'} data-testid="sample-size">
              {draft.sampleInput.length > SAMPLE_MAX_LENGTH
                ? `${draft.sampleInput.length.toLocaleString('en')} characters: more than the ${SAMPLE_MAX_LENGTH.toLocaleString('en')} a test run accepts. Cut the sample down, e.g. fewer rows.`
                : `${draft.sampleInput.length.toLocaleString('en')} characters`}
            </span>
            {capturedSample && (
              <Button
                spacing="compact"
                onClick={() => editor.update((previous) => ({ ...previous, sampleInput: capturedSample.body }))}
                testId="use-captured-sample"
              >
                {`Use captured response from “${capturedSample.queryName}”`}
              </Button>
            )}
          </div>
        </div>

        <div className="pq-inline">
          <Button appearance="primary" onClick={() => void run()} isLoading={running} testId="run-converter">
            Run
          </Button>
          <span className="pq-muted pq-small">Ctrl+Enter in the source runs it too.</span>
          {outcome && (
            <span data-testid="converter-run-info">
              <Lozenge appearance="success">{formatMs(outcome.durationMs)}</Lozenge> <Lozenge>{outcome.engine}</Lozenge>
            </span>
          )}
        </div>
        {runError && <ErrorPanel error={runError} />}
        {outcome && (
          <section className="pq-card" aria-label="Converter output" data-testid="converter-output">
            <DataTable value={outcome.output} label="Converter output" />
            <details className="pq-details">
              <summary>As JSON</summary>
              <pre className="pq-pre">{prettyJson(outcome.output)}</pre>
            </details>
          </section>
        )}
      </div>
    </EditorShell>
  );
}
