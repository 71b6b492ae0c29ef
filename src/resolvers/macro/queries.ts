// macro/queries: the queries an author may pick in the macro's configuration
// dialog. Only name, description and parameters leave the backend; the URL,
// datasource and everything else about a query stay on the server.

import type { MacroQuerySummary } from '../../contract/resolvers';
import type { Action } from '../scope';
import { entityGateway } from '../admin/gateway';
import { isUsableIn, verifiedPage } from './trust';

export const listMacroQueries: Action<'macro/queries'> = async (_payload, scope) => {
  const page = await verifiedPage(scope);
  const queries = await entityGateway(scope.deps).listEntities('query');

  const usable: MacroQuerySummary[] = queries
    .filter((query) => isUsableIn(query, page?.spaceKey))
    .map((query) => ({ id: query.id, name: query.name, description: query.description, parameters: query.parameters }));
  usable.sort((a, b) => a.name.localeCompare(b.name));
  return { queries: usable };
};
