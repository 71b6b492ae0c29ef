// What every resolver needs from the platform, injected per invocation. The
// Forge handler builds these from @forge/kvs and @forge/api; the local host
// builds them from SQLite and Node's fetch. Resolvers import nothing else from
// a platform.

import type { ConverterRuntime } from '../core/convert';
import type { NetworkPolicy } from '../core/http';
import type { Clock, FetchPort, Logger } from '../core/ports';
import type { SecretStore, Store } from '../core/store/types';

/**
 * The part of the resolver context the platform vouches for. On Forge these
 * come from the invocation's principal and installation, not from the browser.
 */
export interface TrustedContext {
  /** Atlassian account id of the caller; absent for anonymous viewers. */
  accountId?: string;
  /** `licensed`, `unlicensed`, `customer` or `anonymous`. */
  accountType?: string;
  /** Forge license object, passed through untouched. */
  license?: unknown;
  /** ARI of the installation's site, e.g. `ari:cloud:confluence::site/<cloudId>`. */
  installContext?: string;
}

/**
 * Values the browser sends with the call. Anyone can forge them, so they only
 * pick what to look up (which page) or how to format output (locale, time
 * zone); they never decide what a caller may do.
 */
export interface ContextHints {
  pageId?: string;
  /** `page` or `blogpost`, from the macro's extension context. */
  contentType?: string;
  spaceKey?: string;
  locale?: string;
  timeZone?: string;
}

/** Page facts looked up as the calling user. */
export interface PageInfo {
  id: string;
  title: string;
  spaceId: string;
  spaceKey: string;
}

/** Confluence calls made as the calling user, so Confluence applies that user's permissions. */
export interface ConfluencePort {
  /** Whether the account can administer the Confluence site. */
  isAdmin(accountId: string): Promise<boolean>;
  /** The page or blog post, or undefined when it does not exist or the user cannot see it. */
  getPage(pageId: string, contentType?: string): Promise<PageInfo | undefined>;
}

export interface ResolverDeps {
  store: Store;
  secrets: SecretStore;
  fetch: FetchPort;
  clock: Clock;
  logger: Logger;
  network: NetworkPolicy;
  confluence: ConfluencePort;
  /** Created on first use: the converter engines are expensive to start. */
  converterRuntime(): Promise<ConverterRuntime>;
  /** Partition for caches and the admin check; derived from installContext on Forge. */
  siteId: string;
}

/** Builds the dependencies for one invocation from its trusted context. */
export type MakeDeps = (trusted: TrustedContext) => ResolverDeps | Promise<ResolverDeps>;
