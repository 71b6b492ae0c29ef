// Platform-independent resolver definitions: one function per contract key.
// Each wraps its action in the same steps: build the invocation's
// dependencies, check admin rights for admin keys, validate the payload with
// ajv, run the action, and map the outcome to the response envelope.

import type { ResolverResponse } from '../contract/errors';
import { isAdminKey, type ResolverKey, type ResultOf } from '../contract/resolvers';
import { AppError } from '../errors/app-error';
import { AdminCheck } from './admin-check';
import { adminActions } from './admin';
import type { MakeDeps, ResolverDeps, TrustedContext } from './deps';
import { macroActions } from './macro';
import { failure, success } from './respond';
import { validatePayload } from './schemas';
import type { Action, ActionTable, ResolverRequest } from './scope';
import { sessionActions } from './session';

export type ResolverFunction<K extends ResolverKey> = (request: ResolverRequest) => Promise<ResolverResponse<ResultOf<K>>>;
export type Definitions = { [K in ResolverKey]: ResolverFunction<K> };

export interface DefinitionOptions {
  /** Shared across invocations of one process; tests pass their own to start empty. */
  adminCheck?: AdminCheck;
}

export function createDefinitions(makeDeps: MakeDeps, options: DefinitionOptions = {}): Definitions {
  const adminCheck = options.adminCheck ?? new AdminCheck();
  const actions: ActionTable = { ...sessionActions(adminCheck), ...macroActions, ...adminActions };

  const definitions: Partial<Record<ResolverKey, ResolverFunction<ResolverKey>>> = {};
  for (const key of Object.keys(actions) as ResolverKey[]) {
    definitions[key] = wrapAction(key, actions[key] as Action<ResolverKey>, makeDeps, adminCheck);
  }
  return definitions as Definitions;
}

function wrapAction<K extends ResolverKey>(
  key: K,
  action: Action<K>,
  makeDeps: MakeDeps,
  adminCheck: AdminCheck,
): ResolverFunction<K> {
  return async (request) => {
    const requestId = globalThis.crypto.randomUUID();
    const { trusted, hints } = request.context;
    let deps: ResolverDeps | undefined;

    try {
      deps = await makeDeps(trusted);
      if (isAdminKey(key)) await requireAdmin(key, trusted, deps, adminCheck, requestId);

      const payload = validatePayload(key, request.payload);
      const result = await action(payload, { deps, trusted, hints, requestId, permissions: adminCheck });
      return success(result);
    } catch (error) {
      return failure(error, { key, requestId, siteId: deps?.siteId, accountId: trusted.accountId }, deps?.logger);
    }
  };
}

// Fails closed: no account, an anonymous caller, a non-admin result or a
// failed lookup all end in the same FORBIDDEN, which reveals nothing.
async function requireAdmin(
  key: string,
  trusted: TrustedContext,
  deps: ResolverDeps,
  adminCheck: AdminCheck,
  requestId: string,
): Promise<void> {
  const { accountId } = trusted;
  let isAdmin = false;

  if (accountId && trusted.accountType !== 'anonymous') {
    try {
      isAdmin = await adminCheck.isAdmin(deps.siteId, accountId, deps.confluence, deps.clock);
    } catch (error) {
      deps.logger.warn('admin_check.failed', {
        key,
        requestId,
        siteId: deps.siteId,
        accountId,
        errorName: error instanceof Error ? error.name : typeof error,
      });
    }
  }

  if (!isAdmin) throw forbidden();
}

export function forbidden(): AppError {
  return new AppError('FORBIDDEN', 'Only Confluence administrators can do this.', {
    hint: 'Ask a Confluence administrator to make this change, or to grant you administrator rights.',
  });
}
