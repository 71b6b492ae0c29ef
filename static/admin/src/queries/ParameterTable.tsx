// One row per `:name` parameter found in the URL and body: type, default,
// required, description, whether page viewers may change it, enum options.

import { Checkbox } from '@atlaskit/checkbox';
import Select from '@atlaskit/select';
import TextField from '@atlaskit/textfield';
import type { ParameterDefinition, ParameterType } from '../../../../src/contract/entities';

const TYPES: { label: string; value: ParameterType }[] = [
  { label: 'Text', value: 'string' },
  { label: 'Integer', value: 'integer' },
  { label: 'Number', value: 'number' },
  { label: 'Yes/no', value: 'boolean' },
  { label: 'Date (YYYY-MM-DD)', value: 'date' },
  { label: 'One of a list', value: 'enum' },
  { label: 'Comma-separated list', value: 'list' },
];

const DEFAULT_PLACEHOLDERS: Partial<Record<ParameterType, string>> = {
  date: 'YYYY-MM-DD',
  boolean: 'true or false',
  list: 'a, b, c',
};

interface Props {
  parameters: ParameterDefinition[];
  onChange(parameters: ParameterDefinition[]): void;
  problems: Map<string, string>;
}

export function ParameterTable({ parameters, onChange, problems }: Props) {
  if (parameters.length === 0) {
    return <p className="pq-muted" data-testid="no-parameters">No parameters yet. Type <code>:name</code> in the URL, e.g. <code>/issues?project=:project</code>.</p>;
  }

  const setRow = (index: number, change: Partial<ParameterDefinition>) =>
    onChange(parameters.map((parameter, at) => (at === index ? { ...parameter, ...change } : parameter)));

  return (
    <table className="pq-table pq-param-table" data-testid="parameter-table">
      <caption className="pq-visually-hidden">Parameters</caption>
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          <th scope="col">Type</th>
          <th scope="col">Default</th>
          <th scope="col">Required</th>
          <th scope="col">Viewer can change</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((parameter, index) => {
          const problem = problems.get(`parameters.${index}.default`) ?? problems.get(`parameters.${index}.options`) ?? problems.get(`parameters.${index}`);
          return (
            <tr key={parameter.name} data-testid={`parameter-${parameter.name}`}>
              <th scope="row" className="pq-mono">
                :{parameter.name}
              </th>
              <td style={{ minWidth: 170 }}>
                <Select
                  aria-label={`Type of ${parameter.name}`}
                  options={TYPES}
                  value={TYPES.find((type) => type.value === parameter.type)}
                  onChange={(option) => option && setRow(index, { type: option.value, options: option.value === 'enum' ? parameter.options ?? [] : undefined })}
                  spacing="compact"
                  menuPortalTarget={document.body}
                />
                {parameter.type === 'enum' && (
                  <TextField
                    aria-label={`Allowed values of ${parameter.name}, comma-separated`}
                    placeholder="Allowed values, comma-separated"
                    value={(parameter.options ?? []).join(', ')}
                    onChange={(event) =>
                      setRow(index, {
                        options: event.currentTarget.value
                          .split(',')
                          .map((option) => option.trim())
                          .filter(Boolean),
                      })
                    }
                    isCompact
                  />
                )}
              </td>
              <td>
                <TextField
                  aria-label={`Default of ${parameter.name}`}
                  value={parameter.default ?? ''}
                  placeholder={DEFAULT_PLACEHOLDERS[parameter.type] ?? ''}
                  onChange={(event) => setRow(index, { default: event.currentTarget.value === '' ? undefined : event.currentTarget.value })}
                  isInvalid={Boolean(problem)}
                  isCompact
                />
                {problem && <span className="pq-error-text">{problem}</span>}
              </td>
              <td>
                <Checkbox aria-label={`${parameter.name} is required`} isChecked={parameter.required} onChange={(event) => setRow(index, { required: event.currentTarget.checked })} />
              </td>
              <td>
                <Checkbox
                  aria-label={`Page viewers can change ${parameter.name}`}
                  isChecked={parameter.viewerEditable}
                  onChange={(event) => setRow(index, { viewerEditable: event.currentTarget.checked })}
                />
              </td>
              <td>
                <TextField
                  aria-label={`Description of ${parameter.name}`}
                  value={parameter.description}
                  onChange={(event) => setRow(index, { description: event.currentTarget.value })}
                  isCompact
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
