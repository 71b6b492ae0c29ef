// macro/run and macro/refresh: run a query for a page viewer. The query comes
// from storage by id, the space from Confluence, the parameter values are
// checked again; only then does the pipeline run. refresh skips the cache.

import type { ExecutionContext } from '../../core/ports';
import type { Action, Scope } from '../scope';
import { entityGateway } from '../admin/gateway';
import { formatSettings } from '../formatting';
import { runQueryForMacro } from '../admin/run-adapter';
import { assertUsableIn, mergeParameters, verifiedPage } from './trust';

export const runMacro: Action<'macro/run'> = (payload, scope) => run(payload, scope, false);

export const refreshMacro: Action<'macro/refresh'> = (payload, scope) => run(payload, scope, true);

async function run(
  { config, viewerParameters }: { config: { queryId: string; parameters: Record<string, string> }; viewerParameters?: Record<string, string> },
  scope: Scope,
  bypassCache: boolean,
) {
  const query = await entityGateway(scope.deps).get('query', config.queryId);
  const page = await verifiedPage(scope);
  assertUsableIn(query, page);

  const parameters = mergeParameters(query, config.parameters, viewerParameters);
  const context: ExecutionContext = {
    accountId: scope.trusted.accountId,
    spaceKey: page?.spaceKey,
    spaceId: page?.spaceId,
    pageId: page?.id,
    pageTitle: page?.title,
    ...formatSettings(scope),
    siteId: scope.deps.siteId,
  };
  return runQueryForMacro({ query, parameters, context, bypassCache }, scope);
}

