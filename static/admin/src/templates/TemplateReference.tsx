// The list of template variables, helpers and directives beside the editor.
// Each entry is a button that inserts its snippet at the end of the source.

import Button from '@atlaskit/button/new';
import { TEMPLATE_DIRECTIVES, TEMPLATE_HELPERS, TEMPLATE_VARIABLES, type ReferenceEntry } from './reference';

function Group({ title, entries, onInsert }: { title: string; entries: ReferenceEntry[]; onInsert(snippet: string): void }) {
  return (
    <section aria-label={title}>
      <h4 className="pq-h4">{title}</h4>
      <dl className="pq-reference">
        {entries.map((entry) => (
          <div key={entry.name}>
            <dt>
              <Button appearance="subtle" spacing="compact" onClick={() => onInsert(entry.snippet)} aria-label={`Insert ${entry.name}`}>
                <code>{entry.name}</code>
              </Button>
            </dt>
            <dd>{entry.meaning}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function TemplateReference({ onInsert }: { onInsert(snippet: string): void }) {
  return (
    <aside className="pq-card pq-reference-panel" aria-label="Template variables and helpers" data-testid="template-reference">
      <Group title="Variables" entries={TEMPLATE_VARIABLES} onInsert={onInsert} />
      <Group title="Helpers" entries={TEMPLATE_HELPERS} onInsert={onInsert} />
      <Group title="Directives" entries={TEMPLATE_DIRECTIVES} onInsert={onInsert} />
      <p className="pq-muted pq-small">Values from the API are HTML-escaped when they are inserted. See docs/templates.md for every helper.</p>
    </aside>
  );
}
