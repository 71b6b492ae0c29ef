// The searchable list of one entity kind: name, description, where it is used
// and when it last changed. Names are buttons, so the list works by keyboard.

import { useEffect, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import TextField from '@atlaskit/textfield';
import type { EntityKind, EntitySummary } from '../../../../src/contract/entities';
import type { WireError } from '../../../../src/contract/errors';
import { toWireError } from '../api/client';
import { ENTITY_API, KIND_LABEL } from '../api/entities';
import { ErrorPanel } from './ErrorPanel';
import { ExpiryBadge } from './token-expiries';
import { formatRelative } from './format';

interface Props {
  kind: EntityKind;
  onOpen(id: string | undefined): void;
  onForbidden(): void;
}

function matches(item: EntitySummary, search: string): boolean {
  if (!search) return true;
  const needle = search.toLowerCase();
  return [item.name, item.description, ...item.usedBy.map((user) => user.name)].some((text) => text.toLowerCase().includes(needle));
}

export function EntityList({ kind, onOpen, onForbidden }: Props) {
  const [items, setItems] = useState<EntitySummary[] | undefined>();
  const [error, setError] = useState<WireError | undefined>();
  const [search, setSearch] = useState('');
  const label = KIND_LABEL[kind];

  useEffect(() => {
    let live = true;
    ENTITY_API[kind]
      .list()
      .then((list) => live && setItems(list))
      .catch((caught: unknown) => {
        const wire = toWireError(caught);
        if (wire.code === 'FORBIDDEN') onForbidden();
        else if (live) setError(wire);
      });
    return () => {
      live = false;
    };
  }, [kind, onForbidden]);

  const visible = useMemo(() => (items ?? []).filter((item) => matches(item, search)), [items, search]);

  const rows = visible.map((item) => ({
    key: item.id,
    cells: [
      {
        key: item.name.toLowerCase(),
        content: (
          <span className="pq-name-cell">
            <button type="button" className="pq-link-button" onClick={() => onOpen(item.id)} data-testid={`open-${kind}-${item.name}`}>
              {item.name}
            </button>
            {item.insecure && (
              <span data-testid="insecure-badge">
                <Lozenge appearance="removed">insecure http</Lozenge>
              </span>
            )}
            <ExpiryBadge expiresAt={item.tokenExpiresAt} />
          </span>
        ),
      },
      { key: item.description, content: <span className="pq-muted">{item.description}</span> },
      {
        key: item.usedBy.length,
        content:
          // Pages are not indexed, so a query's macros never show up in usedBy.
          kind === 'query' ? (
            <span className="pq-muted" title="Which pages use a query is not tracked. Check before you delete it.">
              pages not tracked
            </span>
          ) : item.usedBy.length === 0 ? (
            <span className="pq-muted">not used</span>
          ) : (
            <span title={item.usedBy.map((user) => `${user.kind} ${user.name}`).join(', ')}>
              {item.usedBy.map((user) => user.name).join(', ')}
            </span>
          ),
      },
      {
        key: item.updatedAt,
        content: <time dateTime={item.updatedAt} title={new Date(item.updatedAt).toLocaleString()}>{formatRelative(item.updatedAt)}</time>,
      },
    ],
  }));

  return (
    <section aria-label={label.many} data-testid={`list-${kind}`}>
      <div className="pq-toolbar">
        <div className="pq-search">
          <TextField
            aria-label={`Search ${label.many.toLowerCase()}`}
            placeholder={`Search ${label.many.toLowerCase()} by name, description or use`}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            isCompact
          />
        </div>
        <Button appearance="primary" onClick={() => onOpen(undefined)} testId={`new-${kind}`}>
          {`New ${label.one}`}
        </Button>
      </div>
      {error && <ErrorPanel error={error} />}
      <DynamicTable
        caption={label.many}
        head={{
          cells: [
            { key: 'name', content: 'Name', isSortable: true },
            { key: 'description', content: 'Description' },
            { key: 'usedBy', content: 'Where used', isSortable: true },
            { key: 'updatedAt', content: 'Last changed', isSortable: true },
          ],
        }}
        rows={rows}
        isLoading={items === undefined && !error}
        defaultSortKey="name"
        defaultSortOrder="ASC"
        emptyView={<p className="pq-muted">{search ? `No ${label.many.toLowerCase()} match “${search}”.` : `No ${label.many.toLowerCase()} yet.`}</p>}
      />
    </section>
  );
}
