// Command-line arguments of `pq`.

import { AppError } from '../errors/app-error';

export type OutputFormat = 'html' | 'json' | 'csv';

/** Wildcards a query can use that come from the Confluence page it runs on; `@date.today` comes from the clock. */
export const CONTEXT_NAMES = ['space.key', 'space.id', 'page.id', 'page.title', 'user.accountId'] as const;
export type ContextName = (typeof CONTEXT_NAMES)[number];

export interface RunArguments {
  command: 'run';
  config: string;
  query: string;
  params: Record<string, string>;
  format: OutputFormat;
  engine?: 'isolated-vm' | 'quickjs';
  refresh: boolean;
  locale?: string;
  timeZone?: string;
  /** Values of the page-context wildcards, e.g. `space.key` -> `DEV` for `:@space.key`. */
  context: Partial<Record<ContextName, string>>;
  /** Hosts (`host` or `host:port`) allowed to resolve to private or loopback addresses. */
  allowPrivateHosts: string[];
  caFile?: string;
  /** Folder for cached results; absent means the default folder. */
  cacheDir?: string;
  /** Keep cached results in memory only, for this run. */
  noCache: boolean;
}

export interface ValidateArguments {
  command: 'validate';
  config: string;
}

export type CliArguments = RunArguments | ValidateArguments | { command: 'help' };

export const USAGE = `Usage:
  pq run --config FILE --query NAME [--param key=value]... [--format html|json|csv]
         [--engine isolated-vm|quickjs] [--refresh] [--locale TAG] [--time-zone ZONE]
         [--context space.key|space.id|page.id|page.title|user.accountId=VALUE]...
         [--ca-file PEM] [--allow-private-host HOST[:PORT]]...
         [--cache-dir DIR | --no-cache]
  pq validate --config FILE

Secrets are read from the environment variables the config file names in
each datasource's "secretEnv". PQ_CA_FILE and PQ_ALLOW_PRIVATE_HOSTS (comma
separated) work like --ca-file and --allow-private-host. Results are cached
for the query's cache duration in PQ_CACHE_DIR or --cache-dir (default
$XDG_CACHE_HOME/pq or ~/.cache/pq).`;

function usageError(message: string): AppError {
  return new AppError('INVALID_REQUEST', message, { hint: 'Run "pq help" for the usage.' });
}

export function parseArguments(argv: string[]): CliArguments {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command !== 'run' && command !== 'validate') throw usageError(`Unknown command "${command}"; use run or validate.`);

  const values: Record<string, string> = {};
  const params: Record<string, string> = {};
  const allowPrivateHosts: string[] = [];
  const context: Partial<Record<ContextName, string>> = {};
  let refresh = false;
  let noCache = false;
  for (let index = 0; index < rest.length; index += 1) {
    const flag = rest[index]!;
    if (flag === '--refresh') {
      refresh = true;
      continue;
    }
    if (flag === '--no-cache') {
      noCache = true;
      continue;
    }
    const value = rest[index + 1];
    if (!flag.startsWith('--') || value === undefined) throw usageError(`Option "${flag}" needs a value.`);
    index += 1;
    if (flag === '--param') {
      const separator = value.indexOf('=');
      if (separator <= 0) throw usageError(`--param "${value}" must look like key=value.`);
      params[value.slice(0, separator)] = value.slice(separator + 1);
      continue;
    }
    if (flag === '--context') {
      const separator = value.indexOf('=');
      const name = value.slice(0, separator).replace(/^:?@/, '');
      if (separator <= 0 || !(CONTEXT_NAMES as readonly string[]).includes(name)) {
        throw usageError(`--context "${value}" must look like name=value, with name one of ${CONTEXT_NAMES.join(', ')}.`);
      }
      context[name as ContextName] = value.slice(separator + 1);
      continue;
    }
    if (flag === '--allow-private-host') {
      allowPrivateHosts.push(value);
      continue;
    }
    if (!['--config', '--query', '--format', '--engine', '--locale', '--time-zone', '--ca-file', '--cache-dir'].includes(flag)) throw usageError(`Unknown option "${flag}".`);
    values[flag.slice(2)] = value;
  }

  const config = values.config;
  if (!config) throw usageError('--config FILE is required.');
  if (command === 'validate') return { command, config };

  const query = values.query;
  if (!query) throw usageError('--query NAME is required.');
  const format = values.format ?? 'html';
  if (format !== 'html' && format !== 'json' && format !== 'csv') throw usageError(`--format must be html, json or csv, not "${format}".`);
  const engine = values.engine;
  if (engine !== undefined && engine !== 'isolated-vm' && engine !== 'quickjs') throw usageError(`--engine must be isolated-vm or quickjs, not "${engine}".`);
  return {
    command,
    config,
    query,
    params,
    format,
    engine,
    refresh,
    locale: values.locale,
    timeZone: values['time-zone'],
    context,
    allowPrivateHosts,
    caFile: values['ca-file'],
    cacheDir: values['cache-dir'],
    noCache,
  };
}
