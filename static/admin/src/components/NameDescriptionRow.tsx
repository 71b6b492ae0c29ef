// The name and description fields at the top of the converter and template editors.

import TextArea from '@atlaskit/textarea';
import TextField from '@atlaskit/textfield';
import { Field } from './Field';

interface Props {
  /** Prefix of the name field's test id, e.g. `converter` gives `converter-name`. */
  testIdPrefix: string;
  name: string;
  description: string;
  nameError?: string;
  autoFocus: boolean;
  onChange(patch: { name?: string; description?: string }): void;
}

export function NameDescriptionRow({ testIdPrefix, name, description, nameError, autoFocus, onChange }: Props) {
  return (
    <div className="pq-row">
      <Field label="Name" error={nameError}>
        {({ id: fieldId }) => (
          <TextField
            id={fieldId}
            value={name}
            onChange={(event) => onChange({ name: event.currentTarget.value })}
            testId={`${testIdPrefix}-name`}
            autoFocus={autoFocus}
          />
        )}
      </Field>
      <Field label="Description">
        {({ id: fieldId }) => (
          <TextArea id={fieldId} value={description} minimumRows={2} onChange={(event) => onChange({ description: event.currentTarget.value })} />
        )}
      </Field>
    </div>
  );
}
