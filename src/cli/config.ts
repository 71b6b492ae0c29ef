// Reading the config file (the app's export format) into entities the run
// reads. Secrets are not in the file; env-secrets.ts reads them.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CONFIG_FILE_FORMAT, type ConfigFile } from '../contract/config-file';
import type { Converter, Datasource, EntityByKind, EntityKind, Query, Template } from '../contract/entities';
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

  for (const section of ['datasources', 'queries', 'converters', 'templates'] as const) {
    const list: unknown = file[section];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry))) {
      throw new AppError('IMPORT_INVALID', `Config file "${path}" has a "${section}" that is not a list of objects.`, {
        hint: 'Use a file written by the app\'s export, or fix the section by hand.',
        details: { field: section },
      });
    }
  }

  // Versions derive from the content, so editing an entity in the file changes the cache keys of its results.
  const stamp = (entity: object) => ({ schemaVersion: 1 as const, updatedAt: file.exportedAt ?? new Date(0).toISOString(), ...entity, version: contentVersion(entity) });
  const byKind = {
    datasource: (file.datasources ?? []).map((entity) => stamp(entity) as Datasource),
    query: (file.queries ?? []).map((entity) => stamp(entity) as Query),
    converter: (file.converters ?? []).map((entity) => stamp(entity) as Converter),
    template: (file.templates ?? []).map((entity) => stamp(entity) as Template),
  };
  const entities: EntityReader = {
    find: async <K extends EntityKind>(kind: K, id: string) =>
      (byKind[kind] as EntityByKind[K][]).find((entity) => entity.id === id),
    listEntities: async <K extends EntityKind>(kind: K) => byKind[kind] as EntityByKind[K][],
  };
  return { file, entities, byKind };
}

/** Returns a positive integer that changes whenever the entity's content does. */
function contentVersion(entity: object): number {
  return createHash('sha256').update(JSON.stringify(entity)).digest().readUInt32BE(0) % 2_147_483_647 + 1;
}
