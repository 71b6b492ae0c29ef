import type { ParameterDefinition } from '../../../src/contract/entities';
import type { RunResult } from '../../../src/contract/run';
import { callResolver } from '../../shared/src/resolver-client';

const cachedDefinitions = new Map<string, Promise<ParameterDefinition[]>>();

/**
 * Returns the parameters a viewer may change. The run result carries them when
 * the backend reports them; otherwise the query list is read once per query.
 */
export function loadViewerParameters(result: RunResult, queryId: string): Promise<ParameterDefinition[]> {
  if (result.viewerParameters !== undefined) {
    return Promise.resolve(result.viewerParameters.map((parameter) => ({ ...parameter.definition, default: parameter.value || parameter.definition.default })));
  }

  let pending = cachedDefinitions.get(queryId);
  if (pending === undefined) {
    pending = callResolver('macro/queries', {})
      .then(({ queries }) => queries.find((query) => query.id === queryId)?.parameters.filter((parameter) => parameter.viewerEditable) ?? [])
      .catch((error: unknown) => {
        // The result is already on screen; without the list the viewer just gets no inputs.
        console.warn('Viewer-editable parameters could not be loaded', error);
        return [];
      });
    cachedDefinitions.set(queryId, pending);
  }
  return pending;
}
