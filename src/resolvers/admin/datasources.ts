// Datasource actions. Secrets travel only inward: save accepts new values,
// get reports each secret as configured or not, never its value.

import { testConnection } from '../../core/http';
import type { ActionsFor } from '../scope';
import { deleteAction, listAction } from './crud';
import { entityGateway } from './gateway';

type DatasourceKeys = 'datasources/list' | 'datasources/get' | 'datasources/save' | 'datasources/delete' | 'datasources/test';

export const datasourceActions: ActionsFor<DatasourceKeys> = {
  'datasources/list': listAction('datasource'),

  'datasources/get': async ({ id }, { deps }) => entityGateway(deps).getDatasourceView(id),

  'datasources/save': async ({ draft, secrets, baseVersion }, { deps, trusted }) => {
    const saved = await entityGateway(deps).save('datasource', { draft, secrets, baseVersion, updatedBy: trusted.accountId });
    return { id: saved.id, version: saved.version };
  },

  'datasources/delete': deleteAction('datasource'),

  'datasources/test': async ({ id }, { deps }) => {
    const datasource = await entityGateway(deps).get('datasource', id);
    return testConnection(deps, datasource);
  },
};
