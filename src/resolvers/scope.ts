// The per-call view a resolver action gets: its dependencies, who is calling
// and the browser's hints.

import type { PayloadOf, ResolverKey, ResultOf } from '../contract/resolvers';
import type { AdminCheck } from './admin-check';
import type { ContextHints, ResolverDeps, TrustedContext } from './deps';

export interface Scope {
  deps: ResolverDeps;
  trusted: TrustedContext;
  hints: ContextHints;
  /** Random id that ties a returned INTERNAL_ERROR to its log line. */
  requestId: string;
  /** Cached admin and page lookups, shared by the invocations of one process. */
  permissions: AdminCheck;
}

/** The request a definition receives: the raw payload and the split context. */
export interface ResolverRequest {
  payload: unknown;
  context: { trusted: TrustedContext; hints: ContextHints };
}

/** The work behind one key, after the payload passed validation. */
export type Action<K extends ResolverKey> = (payload: PayloadOf<K>, scope: Scope) => Promise<ResultOf<K>>;
export type ActionTable = { [K in ResolverKey]: Action<K> };
/** The actions of a subset of keys, e.g. `ActionsFor<'datasources/get' | 'datasources/list'>`. */
export type ActionsFor<K extends ResolverKey> = { [P in K]: Action<P> };
