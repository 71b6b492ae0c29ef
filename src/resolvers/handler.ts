// The Forge entry point: an @forge/resolver handler whose every key runs the
// matching platform-independent definition. The local host imports this same
// factory and calls the returned function with the event shape Forge uses:
//
//   handler({ call: { functionKey, payload }, context }, { principal: { accountId }, installContext, license })
//
// @forge/resolver copies `accountId` (from principal), `installContext` and
// `license` out of the second argument into `req.context`, over anything the
// browser put there; everything else in `context` comes from the front end.

import * as resolverPackage from '@forge/resolver';

import type { ResolverKey } from '../contract/resolvers';
import { createDefinitions, type DefinitionOptions } from './definitions';
import type { ContextHints, MakeDeps, TrustedContext } from './deps';
import type { ResolverRequest } from './scope';

/** The request @forge/resolver passes to a defined function. */
export interface ForgeResolverRequest {
  payload: unknown;
  context: Record<string, unknown>;
}

export type ForgeHandler = ReturnType<InstanceType<typeof resolverPackage.default>['getDefinitions']>;

export function createForgeHandler(makeDeps: MakeDeps, options: DefinitionOptions = {}): ForgeHandler {
  const definitions = createDefinitions(makeDeps, options);
  const Resolver = resolverClass();
  const resolver = new Resolver();

  for (const key of Object.keys(definitions) as ResolverKey[]) {
    const definition = definitions[key];
    resolver.define(key, (request: ForgeResolverRequest) => definition(toResolverRequest(request)));
  }
  return resolver.getDefinitions();
}

/** Splits the Forge context into the fields the platform vouches for and the browser's hints. */
export function toResolverRequest(request: ForgeResolverRequest): ResolverRequest {
  const context = request.context ?? {};
  const extension = asRecord(context.extension);
  const content = asRecord(extension.content);
  const space = asRecord(extension.space);

  const trusted: TrustedContext = {
    accountId: asString(context.accountId),
    accountType: asString(context.accountType),
    license: context.license,
    installContext: asString(context.installContext),
  };
  const hints: ContextHints = {
    pageId: asString(content.id),
    contentType: asString(content.type),
    spaceKey: asString(space.key),
    locale: asString(context.locale),
    timeZone: asString(context.timezone),
  };
  return { payload: request.payload, context: { trusted, hints } };
}

// webpack resolves the package's `default` export to the class; Node's ESM
// loader (used by the tests) hands over the whole CommonJS exports object.
function resolverClass(): typeof resolverPackage.default {
  const candidate = resolverPackage.default as unknown as { default?: typeof resolverPackage.default };
  return candidate.default ?? resolverPackage.default;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function asString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
