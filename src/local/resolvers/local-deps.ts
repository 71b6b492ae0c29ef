// The resolver dependencies on the local host: SQLite storage, Node's fetch
// trusting the demo API's certificate, the local Confluence, and a network
// policy that lets datasources reach the demo API's loopback port and no other
// private address.

import type { ConverterRuntime } from '../../core/convert/types';
import type { NetworkPolicy } from '../../core/http';
import { systemClock, type Clock, type FetchPort, type Logger } from '../../core/ports';
import type { SecretStore, Store } from '../../core/store/types';
import type { MakeDeps } from '../../resolvers/deps';
import { createLocalConfluencePort } from '../confluence/confluence-port';
import type { PageStore } from '../confluence/page-store';
import { LOCAL_SITE_ID } from '../confluence/site';
import { createHostFetch, loadConverterRuntime } from './core-modules';

export interface LocalDepsOptions {
  store: Store;
  secrets: SecretStore;
  pages: PageStore;
  logger: Logger;
  /** PEM certificate of the demo API, trusted in addition to the system roots. */
  demoApiCertificate: () => string;
  /** `127.0.0.1:<port>` of the demo API; read per call because a restart may move it. */
  demoApiHost: () => string;
  /** Further loopback `host:port` entries from `--allow-private-host`. */
  privateHostsAllowed?: string[];
  clock?: Clock;
}

export interface LocalDeps {
  makeDeps: MakeDeps;
  /** Stops the converter engines; called on shutdown. */
  dispose(): Promise<void>;
}

export function createLocalDeps(options: LocalDepsOptions): LocalDeps {
  let fetchPort: FetchPort | undefined;
  let runtime: Promise<ConverterRuntime> | undefined;

  // The demo API's port is known only once it listens, so the policy reads it
  // on every use. The transport checks it again at connect time.
  const network: NetworkPolicy = {
    get privateHostsAllowed() {
      return [options.demoApiHost(), ...(options.privateHostsAllowed ?? [])];
    },
  };

  // One transport for the process, created on first use when the demo API's
  // certificate is known.
  const fetch: FetchPort = (url, init) => {
    fetchPort ??= createHostFetch(network, options.demoApiCertificate());
    return fetchPort(url, init);
  };

  const makeDeps: MakeDeps = (trusted) => {
    return {
      store: options.store,
      secrets: options.secrets,
      fetch,
      clock: options.clock ?? systemClock,
      logger: options.logger,
      network,
      confluence: createLocalConfluencePort(options.pages, trusted.accountId),
      converterRuntime: () => (runtime ??= loadConverterRuntime()),
      siteId: LOCAL_SITE_ID,
    };
  };

  return {
    makeDeps,
    async dispose() {
      if (runtime) await (await runtime).dispose();
    },
  };
}
