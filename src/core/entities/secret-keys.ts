// Keys of datasource secrets in the SecretStore. Secrets have their own key
// namespace, so no listing of entity records can include one.

import type { AuthConfig, SecretName } from '../../contract/entities';

export const SECRET_NAMES: readonly SecretName[] = ['password', 'token'];

export function secretKey(datasourceId: string, name: SecretName): string {
  return `secret:${datasourceId}:${name}`;
}

/** Returns the secret an auth kind sends, if any. */
export function secretNeededBy(auth: AuthConfig): SecretName | undefined {
  if (auth.kind === 'basic') return 'password';
  if (auth.kind === 'token') return 'token';
  return undefined;
}
