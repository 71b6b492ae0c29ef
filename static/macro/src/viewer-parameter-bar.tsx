/** @jsxImportSource preact */
// Inputs above the result for the parameters the query marks viewer-editable.
// Applying re-runs the query in place; the saved page is not changed.

import { useState } from 'preact/hooks';
import type { ParameterDefinition } from '../../../src/contract/entities';
import { ParameterField } from '../../shared/src/params/parameter-field';
import { validateParameters } from '../../shared/src/params/validate-parameter';

interface ViewerParameterBarProps {
  definitions: ParameterDefinition[];
  /** Values the page author saved; the starting point and what Reset returns to. */
  savedValues: Record<string, string>;
  disabled: boolean;
  onApply: (values: Record<string, string>) => void;
}

export function ViewerParameterBar({ definitions, savedValues, disabled, onApply }: ViewerParameterBarProps) {
  const initial = pickValues(definitions, savedValues);
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});

  const apply = (event: Event) => {
    event.preventDefault();
    const found = validateParameters(definitions, values);
    setProblems(found);
    if (Object.keys(found).length === 0) onApply(withoutEmpty(values));
  };

  const reset = () => {
    setValues(initial);
    setProblems({});
    onApply({});
  };

  return (
    <form class="pq-viewer-parameters" onSubmit={apply} aria-label="Parameters" noValidate>
      {definitions.map((definition) => (
        <ParameterField
          key={definition.name}
          idPrefix="viewer"
          definition={definition}
          value={values[definition.name] ?? ''}
          error={problems[definition.name]}
          showDescription={false}
          onChange={(value) => setValues({ ...values, [definition.name]: value })}
        />
      ))}
      <div class="pq-viewer-actions">
        <button type="submit" class="pq-button pq-button-primary" disabled={disabled}>
          Apply
        </button>
        <button type="button" class="pq-button pq-button-subtle" disabled={disabled} onClick={reset}>
          Reset
        </button>
      </div>
    </form>
  );
}

function pickValues(definitions: ParameterDefinition[], source: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const definition of definitions) values[definition.name] = source[definition.name] ?? '';
  return values;
}

/** Empty inputs mean "use the saved value or the default", so they are not sent as overrides. */
function withoutEmpty(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
}
