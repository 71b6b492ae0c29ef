// `pq run`: the whole pipeline against the live API, through the same REST
// client as the app (SSRF guard, redirect checks, limits, error codes).

import type { RunWarning } from '../contract/run';
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ConfigFile } from '../contract/config-file';
import { AppError } from '../errors/app-error';
import { createConverterRuntime } from '../core/convert';
import { createNodeFetch, sendRequest, type HttpDeps } from '../core/http';
import { runQuery } from '../core/run';
import { MemoryStore } from '../core/store/memory-store';
import { systemClock } from '../core/ports';
import type { RunArguments } from './args';
import { loadConfig } from './config';
import { environmentSecrets } from './env-secrets';
import { FileCacheStore } from './file-cache-store';
import { cliNetwork } from './network';
import { formatResult } from './output';

export interface RunOutput {
  output: string;
  /** Printed to stderr by the caller, so they never mix with CSV or HTML on stdout. */
  warnings: RunWarning[];
}

export async function runCommand(args: RunArguments, env: NodeJS.ProcessEnv): Promise<RunOutput> {
  const config = await loadConfig(args.config);
  const query = config.byKind.query.find((candidate) => candidate.name === args.query || candidate.id === args.query);
  if (!query) {
    const names = config.byKind.query.map((candidate) => `"${candidate.name}"`).join(', ') || 'none';
    throw new AppError('ENTITY_NOT_FOUND', `No query named "${args.query}" in ${args.config}. Queries: ${names}.`);
  }

  const network = await cliNetwork(args, env);
  const http: HttpDeps = {
    fetch: createNodeFetch(network.ca === undefined ? { policy: network.policy } : { policy: network.policy, ca: network.ca }),
    secrets: environmentSecrets(config.file, env),
    clock: systemClock,
    network: network.policy,
  };

  const converters = await createConverterRuntime({ engine: args.engine });
  try {
    const result = await runQuery(
      {
        entities: config.entities,
        upstream: (datasource, request) => sendRequest(http, datasource, request),
        converters,
        store: args.noCache ? new MemoryStore() : new FileCacheStore(cacheDirectory(args, env)),
        clock: systemClock,
      },
      query,
      args.params,
      {
        locale: args.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
        timeZone: args.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        siteId: cacheScope(config.file, env),
        ...definedEntries({
          spaceKey: args.context['space.key'],
          spaceId: args.context['space.id'],
          pageId: args.context['page.id'],
          pageTitle: args.context['page.title'],
          accountId: args.context['user.accountId'],
        }),
      },
      { refresh: args.refresh },
    );
    return { output: formatResult(result, args.format), warnings: result.warnings };
  } finally {
    await converters.dispose();
  }
}

function definedEntries(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export const CACHE_DIR_VARIABLE = 'PQ_CACHE_DIR';

function cacheDirectory(args: RunArguments, env: NodeJS.ProcessEnv): string {
  if (args.cacheDir) return path.resolve(args.cacheDir);
  if (env[CACHE_DIR_VARIABLE]) return path.resolve(env[CACHE_DIR_VARIABLE]);
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'pq');
}

/**
 * Returns the cache partition of a run: a hash of the secret values the config's datasources read.
 * Two people, or two tokens, sharing a cache folder then never see each other's results.
 */
function cacheScope(file: ConfigFile, env: NodeJS.ProcessEnv): string {
  const hash = createHash('sha256');
  for (const datasource of file.datasources ?? []) {
    for (const variable of Object.values(datasource.secretEnv ?? {})) hash.update(`${datasource.id}\0${variable}\0${env[variable ?? ''] ?? ''}\0`);
  }
  return `cli:${hash.digest('hex').slice(0, 32)}`;
}
