// Export every entity to one JSON file (secrets left out, each marked as
// needing a value) and import such a file: first a dry run that lists what
// would be created, changed or conflict, then all of it or nothing.

import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import type { ConfigFile, ImportPlan, ImportPlanItem } from '../../../../src/contract/config-file';
import type { WireError } from '../../../../src/contract/errors';
import { call, toWireError } from '../api/client';
import { ErrorPanel } from '../components/ErrorPanel';

const ACTION_LOOK: Record<ImportPlanItem['action'], { text: string; appearance: 'new' | 'inprogress' | 'default' | 'moved' | 'removed' }> = {
  create: { text: 'new', appearance: 'new' },
  update: { text: 'changed', appearance: 'inprogress' },
  unchanged: { text: 'unchanged', appearance: 'default' },
  conflict: { text: 'conflict', appearance: 'moved' },
  invalid: { text: 'invalid', appearance: 'removed' },
};

function download(file: ConfigFile): void {
  const blob = new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `rest-data-config-${file.exportedAt.slice(0, 10)}.json`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function TransferSection({ onForbidden }: { onForbidden: () => void }) {
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<ConfigFile | undefined>();
  const [error, setError] = useState<WireError | undefined>();
  const [file, setFile] = useState<{ name: string; content: unknown } | undefined>();
  const [plan, setPlan] = useState<ImportPlan | undefined>();
  const [busy, setBusy] = useState(false);

  const fail = (caught: unknown) => {
    const wire = toWireError(caught);
    if (wire.code === 'FORBIDDEN') onForbidden();
    else setError(wire);
  };

  const exportAll = async () => {
    setExporting(true);
    setError(undefined);
    try {
      const config = await call('config/export', {});
      setExported(config);
      download(config);
    } catch (caught) {
      fail(caught);
    } finally {
      setExporting(false);
    }
  };

  const chooseFile = async (chosen: File | undefined) => {
    setPlan(undefined);
    setError(undefined);
    setFile(undefined);
    if (!chosen) return;

    let content: unknown;
    try {
      content = JSON.parse(await chosen.text());
    } catch (caught) {
      setError({
        code: 'IMPORT_INVALID',
        message: `“${chosen.name}” is not valid JSON: ${caught instanceof Error ? caught.message : 'parse error'}.`,
        hint: 'Choose a file made by Export. Nothing was changed.',
      });
      return;
    }
    setFile({ name: chosen.name, content });

    setBusy(true);
    try {
      setPlan(await call('config/import', { file: content, dryRun: true }));
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      setPlan(await call('config/import', { file: file.content, dryRun: false }));
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const blocking = plan?.items.filter((item) => item.action === 'conflict' || item.action === 'invalid') ?? [];
  const changes = plan?.items.filter((item) => item.action === 'create' || item.action === 'update') ?? [];
  const exportedSecrets = exported?.datasources.flatMap((datasource) => Object.entries(datasource.secretEnv ?? {}).map(([secret, env]) => ({ datasource: datasource.name, secret, env }))) ?? [];

  return (
    <div className="pq-form" data-testid="transfer">
      <section className="pq-card" aria-labelledby="export-title">
        <h3 className="pq-h3" id="export-title">
          Export
        </h3>
        <p>
          Downloads every datasource, query, converter and template as one JSON file, in the format the <code>pq</code> command-line tool reads.
          Passwords and tokens are never included: each is listed as needing a value.
        </p>
        <Button appearance="primary" onClick={() => void exportAll()} isLoading={exporting} testId="export">
          Export all
        </Button>
        {exported && (
          <div role="status" data-testid="export-done">
            <SectionMessage appearance="success" title="Exported">
              <p>
                {`${exported.datasources.length} datasources, ${exported.queries.length} queries, ${exported.converters.length} converters, ${exported.templates.length} templates.`}
              </p>
              {exportedSecrets.length > 0 && (
                <>
                  <p>These secrets need a value after import (the CLI reads them from the environment variable shown):</p>
                  <ul className="pq-problems">
                    {exportedSecrets.map((entry) => (
                      <li key={`${entry.datasource}:${entry.secret}`}>
                        {`${entry.datasource}: ${entry.secret}`} <code>{entry.env}</code>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </SectionMessage>
          </div>
        )}
      </section>

      <section className="pq-card" aria-labelledby="import-title">
        <h3 className="pq-h3" id="import-title">
          Import
        </h3>
        <p>Choose an exported file. You see what would change before anything is saved; the import then applies all of it or nothing.</p>
        <label className="pq-file">
          <span className="pq-label">Configuration file</span>
          <input type="file" accept="application/json,.json" onChange={(event) => void chooseFile(event.currentTarget.files?.[0])} data-testid="import-file" />
        </label>
        {error && <ErrorPanel error={error} />}
        {plan && (
          <div data-testid="import-plan" data-applied={String(plan.applied)}>
            {plan.applied ? (
              <SectionMessage appearance="success" title="Imported">
                {`${changes.length} items created or changed.`}
              </SectionMessage>
            ) : blocking.length > 0 ? (
              <SectionMessage appearance="error" title="This file cannot be imported as it is">
                Resolve the conflicting or invalid items below in the file, then choose it again. Nothing was changed.
              </SectionMessage>
            ) : null}
            <table className="pq-table">
              <caption>{plan.applied ? 'What was imported' : `What importing ${file?.name ?? 'the file'} would do`}</caption>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Name</th>
                  <th scope="col">Action</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {plan.items.map((item, index) => (
                  <tr key={index} data-action={item.action}>
                    <td>{item.kind}</td>
                    <td>{item.name}</td>
                    <td>
                      <Lozenge appearance={ACTION_LOOK[item.action].appearance}>{ACTION_LOOK[item.action].text}</Lozenge>
                    </td>
                    <td>{item.detail ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {plan.secretsNeeded.length > 0 && (
              <SectionMessage appearance="information" title="Secrets to enter after import">
                <ul className="pq-problems">
                  {plan.secretsNeeded.map((entry) => (
                    <li key={`${entry.datasource}:${entry.secret}`}>{`${entry.datasource}: ${entry.secret}`}</li>
                  ))}
                </ul>
              </SectionMessage>
            )}
            {!plan.applied && (
              <div className="pq-actions">
                <Button appearance="primary" onClick={() => void apply()} isLoading={busy} isDisabled={blocking.length > 0 || changes.length === 0} testId="apply-import">
                  {changes.length === 0 ? 'Nothing to import' : `Import ${changes.length} ${changes.length === 1 ? 'item' : 'items'}`}
                </Button>
              </div>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
