// config/export: every entity in the file format the `pq` CLI also reads.
// Secrets are never exported; each datasource that needs one names the
// environment variable the CLI reads it from.

import { CONFIG_FILE_FORMAT, type ConfigFile } from '../../contract/config-file';
import type { Datasource, Entity, SecretName } from '../../contract/entities';
import type { Clock } from '../../core/ports';
import type { EntityGateway } from './gateway';

export async function exportConfig(gateway: EntityGateway, clock: Clock): Promise<ConfigFile> {
  const [datasources, queries, converters, templates] = await Promise.all([
    gateway.listEntities('datasource'),
    gateway.listEntities('query'),
    gateway.listEntities('converter'),
    gateway.listEntities('template'),
  ]);

  return {
    format: CONFIG_FILE_FORMAT,
    formatVersion: 1,
    exportedAt: new Date(clock.now()).toISOString(),
    datasources: datasources.map((datasource) => {
      const exported = withoutServerFields(datasource);
      const secretEnv = secretEnvFor(datasource);
      return Object.keys(secretEnv).length > 0 ? { ...exported, secretEnv } : exported;
    }),
    queries: queries.map(withoutServerFields),
    converters: converters.map(withoutServerFields),
    templates: templates.map(withoutServerFields),
  };
}

/** The secrets a datasource's auth kind needs. */
export function secretsNeededBy(datasource: Pick<Datasource, 'auth'>): SecretName[] {
  if (datasource.auth.kind === 'basic') return ['password'];
  if (datasource.auth.kind === 'token') return ['token'];
  return [];
}

/** `Jira Cloud (prod)` with a token becomes `PQ_JIRA_CLOUD_PROD_TOKEN`. */
export function secretEnvName(datasourceName: string, secret: SecretName): string {
  const slug = datasourceName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return `PQ_${slug || 'DATASOURCE'}_${secret.toUpperCase()}`;
}

function secretEnvFor(datasource: Datasource): Partial<Record<SecretName, string>> {
  const env: Partial<Record<SecretName, string>> = {};
  for (const secret of secretsNeededBy(datasource)) env[secret] = secretEnvName(datasource.name, secret);
  return env;
}

function withoutServerFields<T extends Entity>(entity: T): Omit<T, 'version' | 'updatedAt' | 'updatedBy'> {
  const { version: _version, updatedAt: _updatedAt, updatedBy: _updatedBy, ...rest } = entity;
  // Views carry a `secrets` status map; it describes this site, not the configuration.
  delete (rest as { secrets?: unknown }).secrets;
  return rest;
}
