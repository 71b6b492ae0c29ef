// After a conflict: which fields the other admin's saved version has that
// differ from this draft, so the choice between reload and overwrite is informed.

const MAX_SHOWN = 80;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

export function ConflictDiff({ mine, theirs, author }: { mine: object; theirs: object; author?: string }) {
  const mineRecord = mine as Record<string, unknown>;
  const theirsRecord = theirs as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(mineRecord), ...Object.keys(theirsRecord)])].filter(
    (field) => field !== 'id' && JSON.stringify(mineRecord[field]) !== JSON.stringify(theirsRecord[field]),
  );

  if (fields.length === 0) return <p>Their version has the same content as yours.</p>;
  return (
    <div data-testid="conflict-diff">
      <p>{`Fields where ${author ? `${author}'s` : 'their'} saved version differs from yours:`}</p>
      <table className="pq-table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Saved</th>
            <th scope="col">Yours</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field}>
              <th scope="row" className="pq-mono">
                {field}
              </th>
              <td className="pq-mono">{shown(theirsRecord[field])}</td>
              <td className="pq-mono">{shown(mineRecord[field])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
