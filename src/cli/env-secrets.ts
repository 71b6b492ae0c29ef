// A SecretStore over environment variables. The config file maps each
// datasource secret to a variable name. The REST client requests the secret at
// call time, as in the app, so a variable is read only when a request needs it.

import type { ConfigFile } from '../contract/config-file';
import type { SecretName } from '../contract/entities';
import { secretKey, SECRET_NAMES } from '../core/entities/secret-keys';
import type { SecretStore } from '../core/store/types';
import { AppError } from '../errors/app-error';

export function environmentSecrets(file: ConfigFile, env: NodeJS.ProcessEnv): SecretStore {
  const byKey = new Map<string, { datasource: ConfigFile['datasources'][number]; name: SecretName }>();
  for (const datasource of file.datasources ?? []) {
    for (const name of SECRET_NAMES) byKey.set(secretKey(datasource.id, name), { datasource, name });
  }

  const readOnly = (): never => {
    throw new AppError('INTERNAL_ERROR', 'The pq command never stores secrets.');
  };

  return {
    async get(key) {
      const entry = byKey.get(key);
      if (!entry) return undefined;
      const { datasource, name } = entry;
      const variable = datasource.secretEnv?.[name];
      const identity = { entity: { kind: 'datasource', id: datasource.id, name: datasource.name } };
      if (!variable) {
        throw new AppError('SECRET_MISSING', `Datasource "${datasource.name}" needs a ${name}, and the config file names no environment variable for it.`, {
          hint: `Add "secretEnv": {"${name}": "VARIABLE_NAME"} to the datasource in the config file, then set that variable.`,
          details: identity,
        });
      }
      const value = env[variable];
      if (value === undefined || value === '') {
        throw new AppError('SECRET_MISSING', `Datasource "${datasource.name}" needs its ${name} from environment variable ${variable}, which is not set.`, {
          hint: `Set ${variable} before running pq, e.g. ${variable}=... pq run ...`,
          details: identity,
        });
      }
      return value;
    },
    set: async () => readOnly(),
    delete: async () => readOnly(),
  };
}
