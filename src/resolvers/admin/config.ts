// Configuration export and import actions.

import type { ActionsFor } from '../scope';
import { exportConfig } from './config-export';
import { importConfig } from './config-import';
import { entityGateway } from './gateway';

export const configActions: ActionsFor<'config/export' | 'config/import'> = {
  'config/export': async (_payload, { deps }) => exportConfig(entityGateway(deps), deps.clock),

  'config/import': async ({ file, dryRun }, { deps, trusted }) => importConfig(entityGateway(deps), file, dryRun, trusted.accountId, deps.logger),
};
