// A write-only secret. A stored secret shows as "configured" with a Replace
// button; its value never reaches the browser, so there is nothing to reveal.

import { useId } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import TextField from '@atlaskit/textfield';

interface Props {
  label: string;
  configured: boolean;
  /** undefined: keep the stored secret; string: the new value; null: delete it. */
  value: string | null | undefined;
  onChange(value: string | null | undefined): void;
  helper?: string;
  testId: string;
}

export function SecretField({ label, configured, value, onChange, helper, testId }: Props) {
  const id = useId();
  const replacing = typeof value === 'string';

  return (
    <div className="pq-field" data-testid={testId}>
      <Label htmlFor={id}>{label}</Label>
      {configured && !replacing ? (
        <div className="pq-inline">
          {value === null ? (
            <Lozenge appearance="removed">deleted when you save</Lozenge>
          ) : (
            <span data-testid={`${testId}-configured`}>
              <Lozenge appearance="success">configured</Lozenge>
            </span>
          )}
          <Button id={id} onClick={() => onChange('')} testId={`${testId}-replace`}>
            Replace
          </Button>
          {value === null ? (
            <Button appearance="subtle" onClick={() => onChange(undefined)}>
              Keep it
            </Button>
          ) : null}
        </div>
      ) : (
        <div className="pq-inline">
          <div className="pq-grow">
            <TextField
              id={id}
              type="password"
              autoComplete="new-password"
              value={value ?? ''}
              placeholder={configured ? 'New value' : 'Not set'}
              onChange={(event) => onChange(event.currentTarget.value)}
              testId={`${testId}-input`}
            />
          </div>
          {configured && (
            <Button appearance="subtle" onClick={() => onChange(undefined)}>
              Cancel
            </Button>
          )}
        </div>
      )}
      {helper && <HelperMessage>{helper}</HelperMessage>}
    </div>
  );
}
