// Wires the local host together: the SQLite store, the demo API and its seed,
// the resolver handler Forge runs, and the HTTP server with the shell.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PageStore } from './confluence/page-store';
import { setUpDemo } from './demo/demo-setup';
import { createRepositoryWriter, moveDemoDatasources } from './demo/repository-writer';
import { startLocalServer } from './http/server';
import { createConsoleLogger } from './logger';
import type { HostOptions } from './options';
import { createLocalInvoke } from './resolvers/invoke';
import { createLocalDeps } from './resolvers/local-deps';
import { loadShellAssets } from './shell/assets';
import { openDatabase } from './store/database';
import { loadOrCreateSecretKey } from './store/secret-key';
import { SqliteSecretStore } from './store/sqlite-secret-store';
import { SqliteStore } from './store/sqlite-store';
import { wipeAppData } from './store/wipe';

export interface RunningHost {
  /** Origin, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Origin of the demo REST API, e.g. `https://127.0.0.1:43123`. */
  demoApiUrl: string;
  close(): Promise<void>;
}

export interface StartHostOptions extends HostOptions {
  /** Drop info log lines. */
  quiet?: boolean;
}

const CACHE_PURGE_INTERVAL_MS = 10 * 60 * 1000;

export async function startHost(options: StartHostOptions): Promise<RunningHost> {
  const logger = createConsoleLogger({ quiet: options.quiet });
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });

  const db = openDatabase(join(options.dataDir, 'local.sqlite'));
  const store = new SqliteStore(db);
  const secrets = new SqliteSecretStore(db, loadOrCreateSecretKey(join(options.dataDir, 'secret.key'), { warn: (message) => logger.warn('secret_key.mode', { message }) }));
  const pages = new PageStore(db);
  if (options.reset) {
    wipeAppData(db);
    logger.info('data.reset', { dataDir: options.dataDir });
  }

  // The demo API's origin is known only after it listens, and the deps need it
  // for the network policy; the holder breaks the cycle.
  let demoApiHost = '127.0.0.1:0';
  let certificate = '';
  const localDeps = createLocalDeps({ store, secrets, pages, logger, demoApiCertificate: () => certificate, demoApiHost: () => demoApiHost, privateHostsAllowed: options.privateHostsAllowed });
  const writer = () => createRepositoryWriter(localDeps.makeDeps);

  const demo = await setUpDemo({
    db,
    dataDir: options.dataDir,
    pages,
    logger,
    writer,
    moveDatasources: async (from, to) => moveDemoDatasources(await writer(), from, to),
    onListening: (api, cert) => {
      demoApiHost = `127.0.0.1:${api.port}`;
      certificate = cert;
    },
  });

  let server;
  try {
    server = await startLocalServer(
      {
        pages,
        invoke: createLocalInvoke(localDeps, logger),
        assets: loadShellAssets(),
        staticDir: options.staticDir,
        logger,
        resetDemo: () => demo.reset(),
        demoApi: demo.api,
      },
      options.port,
    );
  } catch (error) {
    // Release what started before the failure, so the process can exit.
    await demo.close();
    await localDeps.dispose();
    db.close();
    throw error;
  }

  const purge = setInterval(() => store.purgeExpiredCache(), CACHE_PURGE_INTERVAL_MS);
  purge.unref();

  return {
    url: `http://127.0.0.1:${server.port}`,
    demoApiUrl: demo.api.origin,
    async close() {
      clearInterval(purge);
      await server.close();
      await demo.close();
      await localDeps.dispose();
      db.close();
    },
  };
}
