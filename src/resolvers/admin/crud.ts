// list and delete for one entity kind; get and save differ per kind in what
// they return, so they live in the kind's own file.

import type { EntityKind, EntitySummary } from '../../contract/entities';
import type { Scope } from '../scope';
import { entityGateway } from './gateway';

export function listAction(kind: EntityKind) {
  return async (_payload: Record<string, never>, { deps }: Scope): Promise<{ items: EntitySummary[] }> => ({
    items: await entityGateway(deps).listSummaries(kind),
  });
}

export function deleteAction(kind: EntityKind) {
  return async ({ id }: { id: string }, { deps }: Scope): Promise<{ deleted: true }> => {
    await entityGateway(deps).delete(kind, id);
    return { deleted: true };
  };
}
