// Command-line flags of the local host (`npm start -- --port 9090`).

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

export interface HostOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Directory for the database, the secret key, the demo certificate and tokens. */
  dataDir: string;
  /** Deletes the stored entities and pages and seeds the demo again before starting. */
  reset: boolean;
  /** Directory holding macro/build, config/build and admin/build. */
  staticDir: string;
  /** Extra loopback `host:port` entries datasources may reach, besides the demo API (tests serve data from their own servers). */
  privateHostsAllowed?: string[];
}

export const USAGE = `Usage: npm start -- [--port N] [--data DIR] [--reset] [--static DIR]

Starts a local stand-in for Confluence on 127.0.0.1 that runs the app's resolvers
and its built Custom UI bundles, with a demo page on a bundled demo REST API.

  --port N     TCP port on 127.0.0.1 (default 8080; 0 picks a free port)
  --data DIR   data directory: SQLite database, secret key, demo certificate
               (default: .data/ in the project)
  --reset      delete everything in the data directory's store and seed the demo again
  --static DIR directory with the built bundles macro/build, config/build and
               admin/build (default: static/ in the project)
  --allow-private-host HOST:PORT
               let datasources reach this loopback host and port as well as the
               demo API, e.g. 127.0.0.1:9443 (repeatable; for tests)
  --help       print this text`;

export class UsageError extends Error {}

/** Parses argv (without the node and script entries). Throws UsageError on bad input. */
export function parseHostOptions(argv: string[]): HostOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        reset: { type: 'boolean', default: false },
        static: { type: 'string' },
        'allow-private-host': { type: 'string', multiple: true },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const { values } = parsed;
  if (values.help) return 'help';

  const portText = values.port ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new UsageError(`Invalid --port "${portText}": expected a whole number from 0 to 65535.`);
  }

  const privateHostsAllowed = values['allow-private-host'] ?? [];
  for (const entry of privateHostsAllowed) {
    // Only loopback: the flag exists so tests can serve data locally, not to open the guard to a network.
    if (!/^(127\.0\.0\.1|localhost):\d{1,5}$/.test(entry)) {
      throw new UsageError(`Invalid --allow-private-host "${entry}": expected 127.0.0.1:PORT or localhost:PORT.`);
    }
  }

  return {
    port,
    privateHostsAllowed,
    dataDir: resolve(values.data ?? resolve(PROJECT_ROOT, '.data')),
    reset: values.reset ?? false,
    staticDir: resolve(values.static ?? resolve(PROJECT_ROOT, 'static')),
  };
}
