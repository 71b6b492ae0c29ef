// Configuration export and import actions. Import checks converter and
// template source the way a save from the editor does.

import type { EntityDraft } from '../../contract/entities';
import { isAppError } from '../../errors/app-error';
import type { ResolverDeps } from '../deps';
import type { ActionsFor } from '../scope';
import { exportConfig } from './config-export';
import { importConfig } from './config-import';
import { entityGateway } from './gateway';
import { assertConverterSyntax, assertTemplateSyntax } from './source-check';

export const configActions: ActionsFor<'config/export' | 'config/import'> = {
  'config/export': async (_payload, { deps }) => exportConfig(entityGateway(deps), deps.clock),

  'config/import': async ({ file, dryRun }, { deps, trusted }) =>
    importConfig(entityGateway(deps), file, dryRun, { updatedBy: trusted.accountId, logger: deps.logger, checkSource: sourceChecker(deps) }),
};

function sourceChecker(deps: ResolverDeps) {
  return async (kind: 'converter' | 'template', draft: Record<string, unknown>): Promise<string | undefined> => {
    try {
      if (kind === 'template') assertTemplateSyntax(draft as unknown as EntityDraft<'template'>);
      else await assertConverterSyntax(draft as unknown as EntityDraft<'converter'>, await deps.converterRuntime());
      return undefined;
    } catch (error) {
      if (isAppError(error) && error.code === 'VALIDATION_FAILED') return error.message;
      throw error;
    }
  };
}
