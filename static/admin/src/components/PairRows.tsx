// An editable list of two-field rows (allowed host + path prefix, header name +
// value), with add and remove buttons that work by keyboard.

import Button from '@atlaskit/button/new';
import TextField from '@atlaskit/textfield';

interface Props {
  legend: string;
  rows: [string, string][];
  onChange(rows: [string, string][]): void;
  labels: [string, string];
  placeholders: [string, string];
  addLabel: string;
  testId: string;
}

export function PairRows({ legend, rows, onChange, labels, placeholders, addLabel, testId }: Props) {
  const setCell = (index: number, cell: 0 | 1, value: string) => {
    const next = rows.map((row): [string, string] => [row[0], row[1]]);
    const target = next[index];
    if (!target) return;
    target[cell] = value;
    onChange(next);
  };

  return (
    <fieldset className="pq-fieldset" data-testid={testId}>
      <legend>{legend}</legend>
      {rows.map((row, index) => (
        <div className="pq-pair" key={index}>
          <TextField aria-label={`${labels[0]} ${index + 1}`} placeholder={placeholders[0]} value={row[0]} onChange={(event) => setCell(index, 0, event.currentTarget.value)} isCompact />
          <TextField aria-label={`${labels[1]} ${index + 1}`} placeholder={placeholders[1]} value={row[1]} onChange={(event) => setCell(index, 1, event.currentTarget.value)} isCompact />
          <Button appearance="subtle" spacing="compact" aria-label={`Remove ${labels[0].toLowerCase()} ${index + 1}`} onClick={() => onChange(rows.filter((_, at) => at !== index))}>
            Remove
          </Button>
        </div>
      ))}
      <Button spacing="compact" onClick={() => onChange([...rows, ['', '']])}>
        {addLabel}
      </Button>
    </fieldset>
  );
}
