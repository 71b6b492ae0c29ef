// The export/import file. The `pq` CLI reads the same format. Secrets are never
// in it: each secret is replaced by the name of an environment variable.

import type { Converter, Datasource, Query, SecretName, Template } from './entities';

export const CONFIG_FILE_FORMAT = 'rest-data-for-confluence/config' as const;

type Exported<T> = Omit<T, 'version' | 'updatedAt' | 'updatedBy'>;

export interface ConfigFile {
  format: typeof CONFIG_FILE_FORMAT;
  formatVersion: 1;
  exportedAt: string;
  datasources: (Exported<Datasource> & {
    /** Which secrets need a value, and the environment variable the CLI reads it from. */
    secretEnv?: Partial<Record<SecretName, string>>;
  })[];
  queries: Exported<Query>[];
  converters: Exported<Converter>[];
  templates: Exported<Template>[];
}

export interface ImportPlanItem {
  kind: 'datasource' | 'query' | 'converter' | 'template';
  name: string;
  action: 'create' | 'update' | 'unchanged' | 'conflict' | 'invalid';
  /** Why the item is a conflict or invalid, or which fields change. */
  detail?: string;
}

export interface ImportPlan {
  dryRun: boolean;
  applied: boolean;
  items: ImportPlanItem[];
  /** Datasources that need secrets entered after import. */
  secretsNeeded: { datasource: string; secret: SecretName }[];
}
