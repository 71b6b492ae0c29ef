// Authentication: none, HTTP Basic, or a token sent as a bearer or named header.
// Basic with a password gets a calm note recommending a token and why.

import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { RadioGroup } from '@atlaskit/radio';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import TextField from '@atlaskit/textfield';
import type { AuthConfig, DatasourceView, SecretChanges } from '../../../../src/contract/entities';
import { Field } from '../components/Field';
import { SecretField } from './SecretField';
import { describeExpiry, tokenExpiry } from './security';

interface Props {
  auth: AuthConfig;
  onChange(auth: AuthConfig): void;
  stored: DatasourceView['secrets'];
  secrets: SecretChanges;
  onSecretsChange(secrets: SecretChanges): void;
  problems: Map<string, string>;
}

const AUTH_OPTIONS = [
  { name: 'auth-kind', value: 'none', label: 'None (public API)' },
  { name: 'auth-kind', value: 'token', label: 'API token or personal access token (recommended)' },
  { name: 'auth-kind', value: 'basic', label: 'Username and password (HTTP Basic)' },
];

const PLACEMENT_OPTIONS = [
  { name: 'token-placement', value: 'bearer', label: 'Authorization: Bearer <token>' },
  { name: 'token-placement', value: 'header', label: 'A named header, e.g. X-API-Key' },
];

function defaultAuth(kind: string, previous: AuthConfig): AuthConfig {
  if (kind === 'basic') return { kind: 'basic', username: previous.kind === 'basic' ? previous.username : '' };
  if (kind === 'token') return previous.kind === 'token' ? previous : { kind: 'token', placement: 'bearer' };
  return { kind: 'none' };
}

export function AuthSection({ auth, onChange, stored, secrets, onSecretsChange, problems }: Props) {
  return (
    <fieldset className="pq-fieldset">
      <legend>Authentication</legend>
      <RadioGroup
        options={AUTH_OPTIONS}
        value={auth.kind}
        onChange={(event) => onChange(defaultAuth(event.currentTarget.value, auth))}
        aria-labelledby="auth-kind-legend"
        testId="auth-kind"
      />

      {auth.kind === 'basic' && (
        <>
          <Field label="Username" error={problems.get('username')}>
            {({ id }) => (
              <TextField id={id} value={auth.username} onChange={(event) => onChange({ ...auth, username: event.currentTarget.value })} autoComplete="off" />
            )}
          </Field>
          <SecretField
            label="Password or API token"
            configured={stored.password.configured}
            value={secrets.password}
            onChange={(value) => onSecretsChange({ ...secrets, password: value })}
            helper="Many APIs (Jira Cloud, Confluence Cloud, Bitbucket) accept an API token in place of the password here."
            testId="secret-password"
          />
          <div data-testid="basic-advice">
            <SectionMessage
              appearance="information"
              title="A token is the safer choice"
              actions={[
                <SectionMessageAction key="switch" onClick={() => onChange({ kind: 'token', placement: 'bearer' })}>
                  Use a token instead
                </SectionMessageAction>,
              ]}
            >
              <p>
                Passwords get reset or expire under password policies, and every page using this datasource breaks at that moment. A
                leaked password also opens the whole account, while a token can be limited to reading and revoked on its own.
              </p>
            </SectionMessage>
          </div>
        </>
      )}

      {auth.kind === 'token' && (
        <>
          <RadioGroup
            options={PLACEMENT_OPTIONS}
            value={auth.placement}
            onChange={(event) => onChange({ ...auth, placement: event.currentTarget.value === 'header' ? 'header' : 'bearer' })}
            testId="token-placement"
          />
          {auth.placement === 'header' && (
            <div className="pq-row">
              <Field label="Header name" error={problems.get('headerName')} helper="For example X-API-Key or PRIVATE-TOKEN.">
                {({ id }) => (
                  <TextField id={id} value={auth.headerName ?? ''} onChange={(event) => onChange({ ...auth, headerName: event.currentTarget.value })} />
                )}
              </Field>
              <Field label="Value prefix (optional)" helper="Sent before the token, e.g. “Token ” with the trailing space.">
                {({ id }) => (
                  <TextField id={id} value={auth.prefix ?? ''} onChange={(event) => onChange({ ...auth, prefix: event.currentTarget.value || undefined })} />
                )}
              </Field>
            </div>
          )}
          <SecretField
            label="Token"
            configured={stored.token.configured}
            value={secrets.token}
            onChange={(value) => onSecretsChange({ ...secrets, token: value })}
            helper="Stored in Forge's encrypted secret storage. Use a read-only token where the API offers one."
            testId="secret-token"
          />
          <TokenExpiry auth={auth} onChange={onChange} error={problems.get('expiresAt')} />
        </>
      )}
    </fieldset>
  );
}

function TokenExpiry({ auth, onChange, error }: { auth: Extract<AuthConfig, { kind: 'token' }>; onChange(auth: AuthConfig): void; error?: string }) {
  const expiry = tokenExpiry(auth.expiresAt);
  const lozenge =
    expiry.state === 'expired' ? (
      <Lozenge appearance="removed">expired</Lozenge>
    ) : expiry.state === 'soon' ? (
      <Lozenge appearance="moved">{expiry.days === 0 ? 'expires today' : `${expiry.days} days left`}</Lozenge>
    ) : expiry.state === 'ok' ? (
      <Lozenge appearance="success">{`${expiry.days} days left`}</Lozenge>
    ) : null;

  return (
    <Field
      label="Token expiry date (optional)"
      error={error ?? (expiry.state === 'invalid' ? describeExpiry(expiry) : undefined)}
      helper="The date the issuer gave the token. You get a warning 14 days before it runs out."
    >
      {({ id, describedBy }) => (
        <>
          <div className="pq-inline">
            <div style={{ width: 200 }}>
              <TextField
                id={id}
                type="date"
                aria-describedby={describedBy}
                value={auth.expiresAt ?? ''}
                onChange={(event) => onChange({ ...auth, expiresAt: event.currentTarget.value || undefined })}
                testId="token-expiry"
              />
            </div>
            <span data-testid="token-expiry-state">{lozenge}</span>
            {auth.expiresAt && (
              <Button appearance="subtle" spacing="compact" onClick={() => onChange({ ...auth, expiresAt: undefined })}>
                Clear
              </Button>
            )}
          </div>
          {(expiry.state === 'soon' || expiry.state === 'expired') && (
            <div data-testid="token-expiry-warning">
              <SectionMessage appearance={expiry.state === 'expired' ? 'error' : 'warning'} title={describeExpiry(expiry)}>
                Create a new token in the remote system now, paste it with Replace, and update this date.
              </SectionMessage>
            </div>
          )}
        </>
      )}
    </Field>
  );
}
