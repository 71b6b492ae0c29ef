// `pq run`: the whole pipeline against the live API.

import { AppError } from '../errors/app-error';
import { createConverterRuntime } from '../core/convert';
import { runQuery } from '../core/run';
import { MemoryStore } from '../core/store/memory-store';
import { systemClock } from '../core/ports';
import type { RunArguments } from './args';
import { loadConfig, secretFromEnvironment } from './config';
import { createNodeUpstream } from './node-upstream';
import { formatResult } from './output';

export async function runCommand(args: RunArguments, env: NodeJS.ProcessEnv): Promise<string> {
  const config = await loadConfig(args.config);
  const query = config.byKind.query.find((candidate) => candidate.name === args.query || candidate.id === args.query);
  if (!query) {
    const names = config.byKind.query.map((candidate) => `"${candidate.name}"`).join(', ') || 'none';
    throw new AppError('ENTITY_NOT_FOUND', `No query named "${args.query}" in ${args.config}. Queries: ${names}.`);
  }

  const converters = await createConverterRuntime({ engine: args.engine });
  try {
    const result = await runQuery(
      {
        entities: config.entities,
        upstream: createNodeUpstream((datasource, name) => secretFromEnvironment(config.file, datasource.id, name, env)),
        converters,
        store: new MemoryStore(),
        clock: systemClock,
      },
      query,
      args.params,
      {
        locale: args.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
        timeZone: args.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        siteId: 'cli',
      },
      { refresh: args.refresh },
    );
    return formatResult(result, args.format);
  } finally {
    await converters.dispose();
  }
}
