// The context wildcards a query may use, with what each resolves to; the ones
// the URL already uses are marked.

import Lozenge from '@atlaskit/lozenge';
import { WILDCARDS } from './parameters';

export function WildcardList({ used }: { used: string[] }) {
  const unknown = used.filter((name) => !WILDCARDS.some((wildcard) => wildcard.name === name));
  return (
    <details className="pq-details" open={used.length > 0} data-testid="wildcards">
      <summary>Context wildcards {used.length > 0 ? `(${used.length} used)` : ''}</summary>
      <p className="pq-muted">Filled in from the page where the macro runs. Page authors and viewers cannot change them.</p>
      <table className="pq-table">
        <tbody>
          {WILDCARDS.map((wildcard) => (
            <tr key={wildcard.name}>
              <th scope="row" className="pq-mono">
                :{wildcard.name}
              </th>
              <td>{wildcard.meaning}</td>
              <td>{used.includes(wildcard.name) && <Lozenge appearance="inprogress">used</Lozenge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {unknown.length > 0 && (
        <p className="pq-error-text">
          {`Unknown wildcard${unknown.length > 1 ? 's' : ''}: ${unknown.map((name) => `:${name}`).join(', ')}. Use one of the names above.`}
        </p>
      )}
    </details>
  );
}
