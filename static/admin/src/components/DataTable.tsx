// Converted data as a table: an array of objects gets one column per key, a
// single object becomes a property table, anything else is shown as JSON.

import { prettyJson } from './format';

const MAX_ROWS = 200;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function DataTable({ value, label }: { value: unknown; label: string }) {
  if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
    const columns = [...new Set(value.slice(0, MAX_ROWS).flatMap((row) => Object.keys(row)))];
    return (
      <div className="pq-scroll" data-testid="data-table">
        <table className="pq-table">
          <caption className="pq-visually-hidden">{label}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {value.slice(0, MAX_ROWS).map((row, index) => (
              <tr key={index}>
                {columns.map((column) => (
                  <td key={column}>{cellText(row[column])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="pq-muted pq-small">
          {value.length > MAX_ROWS ? `First ${MAX_ROWS} of ${value.length} rows.` : `${value.length} ${value.length === 1 ? 'row' : 'rows'}.`}
        </p>
      </div>
    );
  }

  if (isRecord(value)) {
    return (
      <div className="pq-scroll" data-testid="data-table">
        <table className="pq-table">
          <caption className="pq-visually-hidden">{label}</caption>
          <tbody>
            {Object.entries(value).map(([key, cell]) => (
              <tr key={key}>
                <th scope="row">{key}</th>
                <td>{cellText(cell)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return <pre className="pq-pre" data-testid="data-json">{prettyJson(value)}</pre>;
}
