/** @jsxImportSource preact */
// A searchable list of the queries this space may use. Arrow keys move the
// highlight, Enter picks; the list is a listbox so screen readers announce it.

import { useMemo, useState } from 'preact/hooks';
import type { MacroQuerySummary } from '../../../src/contract/resolvers';

interface QueryPickerProps {
  queries: MacroQuerySummary[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}

export function QueryPicker({ queries, selectedId, onSelect }: QueryPickerProps) {
  const [search, setSearch] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);

  const matches = useMemo(() => filterQueries(queries, search), [queries, search]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActiveIndex(Math.min(matches.length - 1, activeIndex + 1));
    else if (event.key === 'ArrowUp') setActiveIndex(Math.max(0, activeIndex - 1));
    else if (event.key === 'Enter' && matches[activeIndex]) onSelect(matches[activeIndex].id);
    else return;
    event.preventDefault();
  };

  if (queries.length === 0) {
    return <p class="pq-hint">No queries are available in this space. Ask your Confluence admin to create one or allow one here.</p>;
  }

  return (
    <div class="pq-picker">
      <input
        class="pq-input pq-picker-search"
        type="search"
        placeholder="Search queries"
        aria-label="Search queries"
        aria-controls="pq-query-list"
        aria-activedescendant={matches[activeIndex] ? `pq-query-${activeIndex}` : undefined}
        value={search}
        onInput={(event) => {
          setSearch(event.currentTarget.value);
          setActiveIndex(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="pq-query-list" class="pq-picker-list" role="listbox" aria-label="Queries">
        {matches.map((query, index) => (
          <li
            key={query.id}
            id={`pq-query-${index}`}
            role="option"
            aria-selected={query.id === selectedId}
            data-query-id={query.id}
            class={[
              'pq-picker-option',
              query.id === selectedId ? 'pq-picker-selected' : '',
              index === activeIndex ? 'pq-picker-active' : '',
            ].join(' ')}
            onClick={() => onSelect(query.id)}
            onMouseEnter={() => setActiveIndex(index)}
          >
            <span class="pq-picker-name">{query.name}</span>
            {query.description && <span class="pq-picker-description">{query.description}</span>}
          </li>
        ))}
      </ul>
      {matches.length === 0 && <p class="pq-hint">No query matches “{search}”.</p>}
    </div>
  );
}

/** Matches every search word against name and description, ignoring case and accents. */
export function filterQueries(queries: MacroQuerySummary[], search: string): MacroQuerySummary[] {
  const words = normalize(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return queries;
  return queries.filter((query) => {
    const haystack = normalize(`${query.name} ${query.description}`);
    return words.every((word) => haystack.includes(word));
  });
}

function normalize(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
