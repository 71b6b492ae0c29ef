// Trust rules for macro calls. The macro configuration, the page id and the
// space key all come from the browser and can be forged. So the query is
// loaded by id from storage and every parameter value is checked again. The
// space comes from Confluence, which is asked for the page as the calling user.

import type { Query } from '../../contract/entities';
import { checkValue } from '../../core/params/values';
import { AppError } from '../../errors/app-error';
import type { PageInfo } from '../deps';
import type { Scope } from '../scope';

/**
 * Looks up the page the macro is on, as Confluence shows it to the caller.
 * Returns undefined when the browser named no page. Throws FORBIDDEN when it
 * named one the caller cannot see, because that is a forged id or a revoked
 * permission.
 */
export async function verifiedPage(scope: Scope): Promise<PageInfo | undefined> {
  const { pageId, contentType } = scope.hints;
  if (!pageId) return undefined;

  const { deps, trusted } = scope;
  const page = await scope.permissions.page(deps.siteId, trusted.accountId, pageId, contentType, deps.confluence, deps.clock);
  if (!page) {
    throw new AppError('FORBIDDEN', 'The page this macro is on could not be read with your permissions.', {
      hint: 'Reload the page. If you can see the page, ask a space administrator to check its restrictions.',
    });
  }
  return page;
}

/** Checks whether a query may run in a space; an empty space list means every space. */
export function isUsableIn(query: Query, spaceKey: string | undefined): boolean {
  if (query.spaces.length === 0) return true;
  return spaceKey !== undefined && query.spaces.includes(spaceKey);
}

export function assertUsableIn(query: Query, page: PageInfo | undefined): void {
  if (isUsableIn(query, page?.spaceKey)) return;

  const where = page ? `space ${page.spaceKey}` : 'a page outside any space';
  throw new AppError('SPACE_NOT_ALLOWED', `The query "${query.name}" cannot be used in ${where}.`, {
    hint: 'Pick another query, or ask a Confluence administrator to allow this space for the query.',
    details: { entity: { kind: 'query', id: query.id, name: query.name } },
  });
}

/**
 * Merges the author's values from the macro configuration with the viewer's
 * overrides. A viewer may only name parameters of the query, may only
 * change parameters marked viewer-editable, and every value is checked
 * against its declared type before the run.
 */
export function mergeParameters(
  query: Query,
  authorValues: Record<string, string>,
  viewerValues: Record<string, string> = {},
): Record<string, string> {
  const definitions = new Map(query.parameters.map((definition) => [definition.name, definition]));

  // A parameter the admin has since removed from the query is dropped from
  // the author's values rather than failing every page that still has it.
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries(authorValues)) {
    if (definitions.has(name)) merged[name] = value;
  }

  for (const [name, value] of Object.entries(viewerValues)) {
    const definition = definitions.get(name);
    if (!definition) throw unknownParameter(query, name);
    if (!definition.viewerEditable) {
      throw new AppError('PARAMETER_NOT_EDITABLE', `Parameter "${name}" of the query "${query.name}" cannot be changed by viewers.`, {
        hint: 'Ask the page author to change the value in the macro settings.',
        details: { stage: 'parameters', field: name },
      });
    }
    merged[name] = value;
  }

  for (const [name, value] of Object.entries(merged)) {
    const definition = definitions.get(name);
    if (definition) checkValue(definition, value);
  }
  return merged;
}

function unknownParameter(query: Query, name: string): AppError {
  return new AppError('PARAMETER_INVALID', `The query "${query.name}" has no parameter "${name}".`, {
    hint: 'Open the macro settings and save them again, so they match the current query.',
    details: { stage: 'parameters', field: name },
  });
}
