// Keys any viewer of a page may call.

import type { ActionsFor } from '../scope';
import { listMacroQueries } from './queries';
import { refreshMacro, runMacro } from './run';

export const macroActions: ActionsFor<'macro/queries' | 'macro/run' | 'macro/refresh'> = {
  'macro/queries': listMacroQueries,
  'macro/run': runMacro,
  'macro/refresh': refreshMacro,
};
