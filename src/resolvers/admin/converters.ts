// Converter actions. `converters/test` runs unsaved source in the same
// sandbox, with the same limits, as a query run.

import type { ActionsFor } from '../scope';
import { deleteAction, listAction } from './crud';
import { entityGateway } from './gateway';
import { assertConverterSyntax } from './source-check';

type ConverterKeys = 'converters/list' | 'converters/get' | 'converters/save' | 'converters/delete' | 'converters/test';

export const converterActions: ActionsFor<ConverterKeys> = {
  'converters/list': listAction('converter'),

  'converters/get': async ({ id }, { deps }) => entityGateway(deps).get('converter', id),

  'converters/save': async ({ draft, baseVersion }, { deps, trusted }) => {
    if (typeof draft.source === 'string') await assertConverterSyntax(draft, await deps.converterRuntime());
    const saved = await entityGateway(deps).save('converter', { draft, baseVersion, updatedBy: trusted.accountId });
    return { id: saved.id, version: saved.version };
  },

  'converters/delete': deleteAction('converter'),

  'converters/test': async ({ source, sampleInput }, { deps }) => {
    const runtime = await deps.converterRuntime();
    const result = await runtime.run({
      source,
      json: sampleInput,
      converterName: 'converter under test',
      metadata: { queryName: 'converter test', queryParameters: {}, originalQueryParameters: {}, status: 200, headers: {} },
    });
    return { output: result.value, durationMs: result.durationMs, engine: runtime.engine };
  },
};
