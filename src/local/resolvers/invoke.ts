// Runs a resolver call through the same @forge/resolver handler Forge runs
// (src/resolvers/handler.ts), called with Forge's event shape: the function
// key and payload, the front end's context, and the platform's trusted
// principal as the second argument.

import type { Logger } from '../../core/ports';
import { LOCAL_SITE_ID } from '../confluence/site';
import type { InvokeFunction } from '../http/invoke-route';
import { loadForgeHandler, type ForgeEventHandler } from './core-modules';
import type { LocalDeps } from './local-deps';

export function createLocalInvoke(deps: LocalDeps, logger: Logger): InvokeFunction {
  let handler: Promise<ForgeEventHandler> | undefined;

  const loadHandler = (): Promise<ForgeEventHandler> => {
    handler ??= loadForgeHandler(deps.makeDeps).catch((error: unknown) => {
      // Forget the failure so the next call tries again, and log why it failed,
      // because this is our own code failing to load, not a resolver error.
      handler = undefined;
      logger.error('resolver_handler.load_failed', { message: error instanceof Error ? error.message.slice(0, 500) : String(error) });
      throw error;
    });
    return handler;
  };

  return async ({ functionKey, payload, context }, user) => {
    const run = await loadHandler();
    return run(
      // Forge's platform sets accountType beside the front end's context.
      { call: { functionKey, payload }, context: { ...context, accountType: 'licensed' } },
      {
        principal: { accountId: user.accountId },
        installContext: LOCAL_SITE_ID,
        license: { isActive: true },
      },
    );
  };
}
