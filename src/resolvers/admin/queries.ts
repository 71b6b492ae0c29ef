// Query actions, including the admin preview that runs a saved or unsaved
// query stage by stage.

import type { ActionsFor } from '../scope';
import { deleteAction, listAction } from './crud';
import { entityGateway } from './gateway';
import { previewQuery } from './run-adapter';

type QueryKeys = 'queries/list' | 'queries/get' | 'queries/save' | 'queries/delete' | 'queries/preview';

export const queryActions: ActionsFor<QueryKeys> = {
  'queries/list': listAction('query'),

  'queries/get': async ({ id }, { deps }) => entityGateway(deps).get('query', id),

  'queries/save': async ({ draft, baseVersion }, { deps, trusted }) =>
    entityGateway(deps).save('query', { draft, baseVersion, updatedBy: trusted.accountId }),

  'queries/delete': deleteAction('query'),

  'queries/preview': async (payload, scope) => previewQuery(payload, scope),
};
