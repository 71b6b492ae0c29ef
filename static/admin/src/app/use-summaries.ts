// The list of one kind for pickers (datasource, converter, template selects).

import { useEffect, useState } from 'react';
import type { EntityKind, EntitySummary } from '../../../../src/contract/entities';
import { ENTITY_API } from '../api/entities';

export function useSummaries(kind: EntityKind): EntitySummary[] | undefined {
  const [items, setItems] = useState<EntitySummary[] | undefined>();
  useEffect(() => {
    let live = true;
    ENTITY_API[kind]
      .list()
      .then((list) => live && setItems(list))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [kind]);
  return items;
}
