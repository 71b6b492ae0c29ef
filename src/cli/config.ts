// Reading the config file (the app's export format) and the secrets its
// datasources name by environment variable.

import { readFile } from 'node:fs/promises';
import { CONFIG_FILE_FORMAT, type ConfigFile } from '../contract/config-file';
import type { Converter, Datasource, EntityByKind, EntityKind, Query, SecretName, Template } from '../contract/entities';
import { AppError } from '../errors/app-error';
import type { EntityReader } from '../core/run';

export interface LoadedConfig {
  file: ConfigFile;
  entities: EntityReader;
  byKind: { datasource: Datasource[]; query: Query[]; converter: Converter[]; template: Template[] };
}

export async function loadConfig(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('INVALID_REQUEST', `Cannot read config file "${path}": ${(error as NodeJS.ErrnoException).code ?? 'read failed'}.`, {
      hint: 'Check the path given to --config.',
    });
  }

  let file: ConfigFile;
  try {
    file = JSON.parse(text) as ConfigFile;
  } catch (error) {
    throw new AppError('IMPORT_INVALID', `Config file "${path}" is not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof file !== 'object' || file === null || file.format !== CONFIG_FILE_FORMAT) {
    throw new AppError('IMPORT_INVALID', `Config file "${path}" does not have "format": "${CONFIG_FILE_FORMAT}".`, {
      hint: 'Use a file written by the app\'s export (Admin page > Export).',
    });
  }

  const stamp = { schemaVersion: 1 as const, version: 1, updatedAt: file.exportedAt ?? new Date(0).toISOString() };
  const byKind = {
    datasource: (file.datasources ?? []).map((entity) => ({ ...stamp, ...entity }) as Datasource),
    query: (file.queries ?? []).map((entity) => ({ ...stamp, ...entity }) as Query),
    converter: (file.converters ?? []).map((entity) => ({ ...stamp, ...entity }) as Converter),
    template: (file.templates ?? []).map((entity) => ({ ...stamp, ...entity }) as Template),
  };
  const entities: EntityReader = {
    find: async <K extends EntityKind>(kind: K, id: string) =>
      (byKind[kind] as EntityByKind[K][]).find((entity) => entity.id === id),
    listEntities: async <K extends EntityKind>(kind: K) => byKind[kind] as EntityByKind[K][],
  };
  return { file, entities, byKind };
}

/** The secret for a datasource, read from the environment variable its `secretEnv` names. */
export function secretFromEnvironment(file: ConfigFile, datasourceId: string, name: SecretName, env: NodeJS.ProcessEnv): string | undefined {
  const datasource = file.datasources.find((entry) => entry.id === datasourceId);
  const variable = datasource?.secretEnv?.[name];
  if (!variable) return undefined;
  const value = env[variable];
  if (value === undefined || value === '') {
    throw new AppError('SECRET_MISSING', `Datasource "${datasource.name}" needs its ${name} from environment variable ${variable}, which is not set.`, {
      hint: `Set ${variable} before running pq, e.g. ${variable}=... pq run ...`,
      details: { entity: { kind: 'datasource', id: datasource.id, name: datasource.name } },
    });
  }
  return value;
}
