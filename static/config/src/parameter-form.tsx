/** @jsxImportSource preact */

import type { MacroQuerySummary } from '../../../src/contract/resolvers';
import { ParameterField } from '../../shared/src/params/parameter-field';

interface ParameterFormProps {
  query: MacroQuerySummary;
  values: Record<string, string>;
  problems: Record<string, string>;
  onChange: (name: string, value: string) => void;
  onPreview: () => void;
}

export function ParameterForm({ query, values, problems, onChange, onPreview }: ParameterFormProps) {
  return (
    <form
      class="pq-parameter-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onPreview();
      }}
    >
      {query.description && <p class="pq-hint">{query.description}</p>}
      {query.parameters.length === 0 && <p class="pq-hint">This query has no parameters.</p>}
      {query.parameters.map((definition) => (
        <div key={definition.name} class="pq-parameter-row">
          <ParameterField
            idPrefix="config"
            definition={definition}
            value={values[definition.name] ?? ''}
            error={problems[definition.name]}
            onChange={(value) => onChange(definition.name, value)}
          />
          {definition.viewerEditable && <span class="pq-badge">Viewers can change</span>}
        </div>
      ))}
      <button type="submit" class="pq-button">
        Preview
      </button>
    </form>
  );
}
