/** @jsxImportSource preact */
// One typed input per parameter: text, number, date picker, enum select, or
// true/false. The query's default shows as the placeholder, so an empty field
// visibly means "use the default".

import type { ParameterDefinition } from '../../../../src/contract/entities';

interface ParameterFieldProps {
  definition: ParameterDefinition;
  value: string;
  error?: string;
  idPrefix: string;
  onChange: (value: string) => void;
  /** Shows the description under the input; the viewer bar leaves it to the tooltip to stay compact. */
  showDescription?: boolean;
}

export function ParameterField({ definition, value, error, idPrefix, onChange, showDescription = true }: ParameterFieldProps) {
  const id = `${idPrefix}-${definition.name}`;
  const describedBy = [showDescription && definition.description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const defaultText = definition.default ?? '';
  const common = {
    id,
    name: definition.name,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': definition.required && defaultText === '' ? ('true' as const) : undefined,
  };

  return (
    <div class={error ? 'pq-field pq-field-invalid' : 'pq-field'} title={showDescription ? undefined : definition.description}>
      <label for={id}>
        {definition.name}
        {definition.required && defaultText === '' && (
          <span class="pq-required" aria-hidden="true">
            {' '}*
          </span>
        )}
      </label>
      {renderInput(definition, value, common, onChange)}
      {showDescription && definition.description && (
        <span id={`${id}-description`} class="pq-field-description">
          {definition.description}
          {defaultText !== '' && ` Default: ${defaultText}.`}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} class="pq-field-error">
          {error}
        </span>
      )}
    </div>
  );
}

type CommonProps = Record<string, string | undefined>;

function renderInput(definition: ParameterDefinition, value: string, common: CommonProps, onChange: (value: string) => void) {
  const onInput = (event: Event) => onChange((event.currentTarget as HTMLInputElement | HTMLSelectElement).value);
  const defaultText = definition.default ?? '';

  if (definition.type === 'enum' || definition.type === 'boolean') {
    const options = definition.type === 'boolean' ? ['true', 'false'] : (definition.options ?? []);
    return (
      <select {...common} class="pq-input" value={value} onChange={onInput}>
        <option value="">{defaultText !== '' ? `Default (${defaultText})` : 'Choose…'}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  }

  return (
    <input
      {...common}
      class="pq-input"
      type={inputTypeOf(definition)}
      step={stepOf(definition)}
      value={value}
      placeholder={definition.type === 'list' ? `${defaultText || 'a, b, c'} (comma-separated)` : defaultText}
      onInput={onInput}
    />
  );
}

function inputTypeOf(definition: ParameterDefinition): 'date' | 'number' | 'text' {
  if (definition.type === 'date') return 'date';
  if (definition.type === 'integer' || definition.type === 'number') return 'number';
  return 'text';
}

/** Lets number inputs accept decimals; integers step by one. */
function stepOf(definition: ParameterDefinition): string | undefined {
  if (definition.type === 'integer') return '1';
  if (definition.type === 'number') return 'any';
  return undefined;
}
