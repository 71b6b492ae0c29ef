// The datasource editor: base URL, authentication with write-only secrets,
// limits, allowed hosts, static headers and "Test connection".

import { useCallback, useMemo, useState } from 'react';
import { Checkbox } from '@atlaskit/checkbox';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import TextField from '@atlaskit/textfield';
import type { EntityDraft, SecretChanges, SecretName } from '../../../../src/contract/entities';
import type { EditorProps } from '../app/EntitySection';
import { useUnsavedGuard } from '../app/navigation';
import { useEntityEditor } from '../app/use-entity-editor';
import { EditorShell } from '../components/EditorShell';
import { Field, problemsByField } from '../components/Field';
import { formatBytes } from '../components/format';
import { PairRows } from '../components/PairRows';
import { AuthSection } from './AuthSection';
import { ConnectionTest } from './ConnectionTest';
import { hasUrlCredentials, isPlainHttp } from './security';

export function newDatasourceDraft(): EntityDraft<'datasource'> {
  return {
    kind: 'datasource',
    name: '',
    description: '',
    baseUrl: 'https://',
    auth: { kind: 'none' },
    headers: {},
    allowedHosts: [],
    testPath: '/',
    timeoutMs: 10_000,
    maxResponseBytes: 1_048_576,
    allowInsecureHttp: false,
  };
}

const NO_SECRETS = { password: { configured: false }, token: { configured: false } };

/** Secrets the chosen auth kind no longer uses are deleted on save, so no credential lingers unused. */
function secretsToSend(draft: EntityDraft<'datasource'>, typed: SecretChanges, stored: typeof NO_SECRETS): SecretChanges {
  const changes: SecretChanges = {};
  const uses: Record<SecretName, boolean> = { password: draft.auth.kind === 'basic', token: draft.auth.kind === 'token' };
  for (const name of ['password', 'token'] as const) {
    const value = typed[name];
    if (!uses[name]) {
      if (stored[name].configured) changes[name] = null;
    } else if (value === null || (typeof value === 'string' && value.length > 0)) {
      changes[name] = value;
    }
  }
  return changes;
}

export function DatasourceEditor({ id, onBack, onSavedNew, onDeleted, onOpen }: EditorProps) {
  const editor = useEntityEditor('datasource', id, newDatasourceDraft, onSavedNew);
  const [secrets, setSecrets] = useState<SecretChanges>({});
  const draft = editor.draft;
  const stored = editor.secrets ?? NO_SECRETS;
  const pendingSecrets = secretsToSend(draft, secrets, stored);
  const secretsDirty = Object.keys(pendingSecrets).length > 0;
  useUnsavedGuard(editor.dirty || secretsDirty);

  const problems = useMemo(() => problemsByField(editor.error?.details?.problems), [editor.error]);
  const set = useCallback(
    <F extends keyof EntityDraft<'datasource'>>(field: F, value: EntityDraft<'datasource'>[F]) => editor.update((previous) => ({ ...previous, [field]: value })),
    [editor],
  );

  const save = async (overwrite: boolean) => {
    const saved = overwrite ? await editor.overwrite(pendingSecrets) : await editor.save(pendingSecrets);
    if (saved) setSecrets({});
  };

  const insecure = isPlainHttp(draft.baseUrl);
  const urlError =
    problems.get('baseUrl') ??
    (insecure && !draft.allowInsecureHttp
      ? 'Plain http is refused: the token and the data would cross the network unencrypted. Use https://, or tick "Allow insecure http" below.'
      : hasUrlCredentials(draft.baseUrl)
        ? 'Remove the user name and password from the URL and put them under Authentication, where they are stored encrypted.'
        : undefined);
  let testDisabledReason: string | undefined;
  if (!id) testDisabledReason = 'Save the datasource first.';
  else if (editor.dirty || secretsDirty) testDisabledReason = 'Save your changes first: the test uses the saved settings.';
  const authHeader = Object.keys(draft.headers).find((name) => /^(authorization|proxy-authorization|cookie)$/i.test(name));

  return (
    <EditorShell
      kind="datasource"
      editor={editor}
      isNew={!id && editor.version === undefined}
      extraDirty={secretsDirty}
      badges={
        draft.allowInsecureHttp ? (
          <span data-testid="insecure-badge">
            <Lozenge appearance="removed">insecure http</Lozenge>
          </span>
        ) : null
      }
      onBack={onBack}
      onSave={() => void save(false)}
      onOverwrite={() => void save(true)}
      onDeleted={onDeleted}
      onOpen={onOpen}
    >
      <div className="pq-form">
        <div className="pq-row">
          <Field label="Name" error={problems.get('name')}>
            {({ id: fieldId }) => <TextField id={fieldId} value={draft.name} onChange={(event) => set('name', event.currentTarget.value)} testId="ds-name" autoFocus={!id} />}
          </Field>
          <Field label="Base URL" error={urlError} helper="Queries add their relative URL to this, e.g. https://jira.example.com/rest/api/2">
            {({ id: fieldId, describedBy }) => (
              <TextField
                id={fieldId}
                aria-describedby={describedBy}
                value={draft.baseUrl}
                isInvalid={Boolean(urlError)}
                onChange={(event) => set('baseUrl', event.currentTarget.value)}
                testId="ds-base-url"
              />
            )}
          </Field>
        </div>
        <Field label="Description">
          {({ id: fieldId }) => (
            <TextArea id={fieldId} value={draft.description} minimumRows={2} onChange={(event) => set('description', event.currentTarget.value)} />
          )}
        </Field>

        <div className="pq-field">
          <Checkbox
            label="Allow insecure http (not recommended)"
            isChecked={draft.allowInsecureHttp}
            onChange={(event) => set('allowInsecureHttp', event.currentTarget.checked)}
            testId="ds-allow-http"
          />
          {draft.allowInsecureHttp && (
            <div data-testid="insecure-warning">
              <SectionMessage appearance="warning" title="Plain http sends everything unencrypted">
                Anyone on the network path can read the credentials and the data, and change the data on its way. Queries on this
                datasource carry an “insecure http” badge in the admin page and a warning in their results.
              </SectionMessage>
            </div>
          )}
        </div>

        <AuthSection
          auth={draft.auth}
          onChange={(auth) => set('auth', auth)}
          stored={stored}
          secrets={secrets}
          onSecretsChange={setSecrets}
          problems={problems}
        />
        {Object.entries(pendingSecrets)
          .filter(([, value]) => value === null)
          .map(([name]) => (
            <p key={name} className="pq-muted">{`The stored ${name} is no longer used by this authentication and is deleted when you save.`}</p>
          ))}

        <fieldset className="pq-fieldset">
          <legend>Limits and checks</legend>
          <div className="pq-row pq-row--3">
            <Field label="Timeout (milliseconds)" error={problems.get('timeoutMs')} helper="Forge gives a resolver 25 seconds in total.">
              {({ id: fieldId }) => (
                <TextField id={fieldId} type="number" min={100} step={100} value={String(draft.timeoutMs)} onChange={(event) => set('timeoutMs', Number(event.currentTarget.value))} />
              )}
            </Field>
            <Field label="Maximum response size (bytes)" error={problems.get('maxResponseBytes')} helper={formatBytes(draft.maxResponseBytes || 0)}>
              {({ id: fieldId }) => (
                <TextField
                  id={fieldId}
                  type="number"
                  min={1024}
                  step={1024}
                  value={String(draft.maxResponseBytes)}
                  onChange={(event) => set('maxResponseBytes', Number(event.currentTarget.value))}
                />
              )}
            </Field>
            <Field label="Test path" error={problems.get('testPath')} helper="Relative URL that “Test connection” calls, e.g. /myself.">
              {({ id: fieldId }) => <TextField id={fieldId} value={draft.testPath} onChange={(event) => set('testPath', event.currentTarget.value)} testId="ds-test-path" />}
            </Field>
          </div>
        </fieldset>

        <PairRows
          legend="Allowed hosts (empty: only the base URL's host)"
          rows={draft.allowedHosts.map((entry) => [entry.host, entry.pathPrefix ?? ''])}
          onChange={(rows) => set('allowedHosts', rows.map(([host, pathPrefix]) => (pathPrefix ? { host, pathPrefix } : { host })))}
          labels={['Host', 'Path prefix']}
          placeholders={['api.example.com, *.example.com or host:port', '/rest/api (optional)']}
          addLabel="Add allowed host"
          testId="ds-allowed-hosts"
        />
        {problems.get('allowedHosts') && <p className="pq-error-text">{problems.get('allowedHosts')}</p>}

        <PairRows
          legend="Static headers (not secret)"
          rows={Object.entries(draft.headers)}
          onChange={(rows) => set('headers', Object.fromEntries(rows))}
          labels={['Header name', 'Header value']}
          placeholders={['Accept', 'application/json']}
          addLabel="Add header"
          testId="ds-headers"
        />
        {authHeader && (
          <SectionMessage appearance="warning" title={`“${authHeader}” contains credentials`}>
            Static headers are stored as plain text and exported with the configuration. Put the credential under Authentication, where it is
            kept in encrypted secret storage.
          </SectionMessage>
        )}

        <ConnectionTest
          id={id ?? undefined}
          disabledReason={testDisabledReason}
        />
      </div>
    </EditorShell>
  );
}
