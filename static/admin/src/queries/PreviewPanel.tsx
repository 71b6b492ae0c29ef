// Runs the query as it is in the editor (saved or not) with sample
// parameter values, and shows every stage: the raw response, the converter's
// output, the rendered result, timings, and the failing stage's error.

import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import TextField from '@atlaskit/textfield';
import type { EntityDraft } from '../../../../src/contract/entities';
import type { WireError } from '../../../../src/contract/errors';
import type { PreviewResult } from '../../../../src/contract/run';
import { call, toWireError } from '../api/client';
import { useNavigation } from '../app/navigation';
import { DataTable } from '../components/DataTable';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatMs, prettyJson } from '../components/format';
import { RenderedResult } from '../components/RenderedResult';

export function previewErrorToWire(error: NonNullable<PreviewResult['error']>): WireError {
  const wire: WireError = { code: error.code, message: error.message, details: { stage: error.stage as NonNullable<WireError['details']>['stage'] } };
  if (error.hint) wire.hint = error.hint;
  if (error.line !== undefined) wire.details = { ...wire.details, line: error.line, column: error.column };
  return wire;
}

/** Opens the latest stage that produced something: result, then converted data, then the raw response. */
function firstTabWithContent(result: PreviewResult): number {
  if (result.result) return 0;
  if (result.converted !== undefined) return 1;
  return 2;
}

interface Props {
  id?: string;
  draft: EntityDraft<'query'>;
  insecure: boolean;
  /** Called with each preview, so the editor can mark converter errors. */
  onResult?: (result: PreviewResult | undefined) => void;
}

export function PreviewPanel({ id, draft, insecure, onResult }: Props) {
  const { captureSample, navigate } = useNavigation();
  const [values, setValues] = useState<Record<string, string>>({});
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<PreviewResult | undefined>();
  const [error, setError] = useState<WireError | undefined>();
  const [captured, setCaptured] = useState(false);

  const sampleValue = (name: string) => values[name] ?? draft.parameters.find((parameter) => parameter.name === name)?.default ?? '';

  const run = async () => {
    setRunning(true);
    setError(undefined);
    setCaptured(false);
    const parameters: Record<string, string> = {};
    for (const parameter of draft.parameters) {
      const value = sampleValue(parameter.name);
      if (value !== '') parameters[parameter.name] = value;
    }
    try {
      const preview = await call('queries/preview', id ? { id, draft, parameters } : { draft, parameters });
      setResult(preview);
      onResult?.(preview);
    } catch (caught) {
      setResult(undefined);
      onResult?.(undefined);
      setError(toWireError(caught));
    } finally {
      setRunning(false);
    }
  };

  const timings = result?.timings ?? {};

  return (
    <section className="pq-card" aria-label="Preview" data-testid="query-preview">
      <h3 className="pq-h3">Preview</h3>
      {draft.parameters.length > 0 && (
        <div className="pq-row pq-row--3">
          {draft.parameters.map((parameter) => (
            <div className="pq-field" key={parameter.name}>
              <TextField
                aria-label={`Sample value for ${parameter.name}`}
                elemBeforeInput={<span className="pq-prefix pq-mono">:{parameter.name}</span>}
                value={sampleValue(parameter.name)}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setValues((previous) => ({ ...previous, [parameter.name]: value }));
                }}
                testId={`sample-${parameter.name}`}
              />
            </div>
          ))}
        </div>
      )}
      <div className="pq-inline">
        <Button appearance="primary" onClick={() => void run()} isLoading={running} testId="run-preview">
          Run preview
        </Button>
        {insecure && <Lozenge appearance="removed">insecure http</Lozenge>}
        {result && (
          <span className="pq-mono pq-small" data-testid="preview-request">
            {result.request.method} {result.request.url}
          </span>
        )}
      </div>

      {error && <ErrorPanel error={error} />}
      {result?.error && (
        <div data-testid="preview-error" data-stage={result.error.stage}>
          <ErrorPanel
            error={previewErrorToWire(result.error)}
            actions={
              result.error.stage === 'convert' && draft.converterId ? (
                <Button onClick={() => navigate({ section: 'converter', editing: true, id: draft.converterId })}>Open the converter</Button>
              ) : result.error.stage === 'render' && draft.templateId ? (
                <Button onClick={() => navigate({ section: 'template', editing: true, id: draft.templateId })}>Open the template</Button>
              ) : undefined
            }
          />
        </div>
      )}

      {result && (
        <>
          <dl className="pq-timings" data-testid="preview-timings">
            {(['fetchMs', 'convertMs', 'renderMs', 'totalMs'] as const).map((key) => (
              <div key={key}>
                <dt>{key.replace('Ms', '')}</dt>
                <dd>{formatMs(timings[key])}</dd>
              </div>
            ))}
          </dl>
          <Tabs id="pq-preview-tabs" defaultSelected={firstTabWithContent(result)}>
            <TabList>
              <Tab>Result</Tab>
              <Tab>Converted data</Tab>
              <Tab>Raw response</Tab>
            </TabList>
            <TabPanel>
              <div className="pq-tab-body">
                {result.result ? <RenderedResult result={result.result} /> : <p className="pq-muted">No rendered result: an earlier stage failed.</p>}
              </div>
            </TabPanel>
            <TabPanel>
              <div className="pq-tab-body">
                {result.converted !== undefined ? (
                  <>
                    <DataTable value={result.converted} label="Converted data" />
                    <details className="pq-details">
                      <summary>As JSON</summary>
                      <pre className="pq-pre">{prettyJson(result.converted)}</pre>
                    </details>
                  </>
                ) : (
                  <p className="pq-muted">No converted data.</p>
                )}
              </div>
            </TabPanel>
            <TabPanel>
              <div className="pq-tab-body" data-testid="raw-response">
                {result.response ? (
                  <>
                    <div className="pq-inline">
                      <Lozenge appearance={result.response.status < 400 ? 'success' : 'removed'}>{`HTTP ${result.response.status}`}</Lozenge>
                      <Button
                        spacing="compact"
                        isDisabled={result.response.bodyTruncatedAt !== undefined}
                        onClick={() => {
                          captureSample({ queryName: draft.name || 'unsaved query', body: result.response?.body ?? '' });
                          setCaptured(true);
                        }}
                        testId="capture-sample"
                      >
                        Use as converter sample input
                      </Button>
                      {result.response.bodyTruncatedAt !== undefined && (
                        <span className="pq-muted pq-small">The response was cut short, so it cannot serve as a sample. Ask for fewer rows and preview again.</span>
                      )}
                      {captured && <span role="status">Captured. Open a converter and choose “Use captured response”.</span>}
                    </div>
                    <details className="pq-details">
                      <summary>{`Response headers (${Object.keys(result.response.headers).length})`}</summary>
                      <table className="pq-table">
                        <tbody>
                          {Object.entries(result.response.headers).map(([name, value]) => (
                            <tr key={name}>
                              <th scope="row" className="pq-mono">
                                {name}
                              </th>
                              <td className="pq-mono">{value}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </details>
                    <pre className="pq-pre">{result.response.body}</pre>
                    {result.response.bodyTruncatedAt !== undefined && (
                      <p className="pq-muted pq-small">{`Cut at ${result.response.bodyTruncatedAt} characters.`}</p>
                    )}
                  </>
                ) : (
                  <p className="pq-muted">No response: the request was not sent or failed.</p>
                )}
              </div>
            </TabPanel>
          </Tabs>
        </>
      )}
    </section>
  );
}
