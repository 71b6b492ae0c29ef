// macro/run and macro/refresh: run a query for a page viewer. The page is
// checked first, so a caller who cannot see it learns nothing about queries.
// Then the query comes from storage by id, the space from Confluence, and the
// parameter values are checked again before the pipeline runs. refresh skips
// the cache, at most once per REFRESH_INTERVAL_MS per account and query, so
// repeated clicks cannot turn into a stream of upstream requests.

import type { Query } from '../../contract/entities';
import type { RunResult } from '../../contract/run';
import type { ExecutionContext } from '../../core/ports';
import type { Action, Scope } from '../scope';
import { entityGateway } from '../admin/gateway';
import { formatSettings } from '../formatting';
import { runQueryForMacro } from '../admin/run-adapter';
import { assertUsableIn, mergeParameters, verifiedPage } from './trust';

export const REFRESH_INTERVAL_MS = 10_000;
const REFRESH_MEMORY_MAX_ENTRIES = 1000;

/** Last cache-skipping run by site, account and query, in clock milliseconds. */
const lastRefresh = new Map<string, number>();

export const runMacro: Action<'macro/run'> = (payload, scope) => run(payload, scope, false);

export const refreshMacro: Action<'macro/refresh'> = (payload, scope) => run(payload, scope, mayRefresh(payload.config.queryId, scope));

async function run(
  { config, viewerParameters }: { config: { queryId: string; parameters: Record<string, string> }; viewerParameters?: Record<string, string> },
  scope: Scope,
  bypassCache: boolean,
) {
  const page = await verifiedPage(scope);
  const query = await entityGateway(scope.deps).get('query', config.queryId);
  assertUsableIn(query, page);

  // NOTE: `config` itself comes from the browser, so a viewer can pick any query allowed in this space and any
  // values that pass the parameter checks. Comparing it with the macro parameters stored in the page body would
  // close that; the ADF shape of Forge macro parameters could not be verified without a site.
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
  const result = await runQueryForMacro({ query, parameters, context, bypassCache }, scope);
  return { ...result, viewerParameters: viewerParametersOf(query, parameters) };
}

/**
 * Lists the parameters a viewer may change with the value this run used, or the
 * query default when neither the author nor the viewer set one. The macro draws its inputs from this list.
 */
function viewerParametersOf(query: Query, used: Record<string, string>): NonNullable<RunResult['viewerParameters']> {
  return query.parameters
    .filter((definition) => definition.viewerEditable)
    .map((definition) => ({ definition, value: used[definition.name] ?? definition.default ?? '' }));
}

function mayRefresh(queryId: string, scope: Scope): boolean {
  const key = [scope.deps.siteId, scope.trusted.accountId ?? '', queryId].join('\u0000');
  const now = scope.deps.clock.now();
  const last = lastRefresh.get(key);
  if (last !== undefined && now - last < REFRESH_INTERVAL_MS) return false;

  lastRefresh.delete(key);
  lastRefresh.set(key, now);
  if (lastRefresh.size > REFRESH_MEMORY_MAX_ENTRIES) {
    const oldest = lastRefresh.keys().next().value;
    if (oldest !== undefined) lastRefresh.delete(oldest);
  }
  return true;
}
