// Building authentication headers from the datasource's secrets at call time.
// The secret values live only in the returned headers and in the list used to
// redact them from anything shown.

import type { Datasource } from '../../contract/entities';
import type { RunWarning } from '../../contract/run';
import { UpstreamError } from '../../errors/upstream-error';
import type { SecretStore } from '../store/types';
import { secretKey, secretNeededBy } from '../entities/secret-keys';
import { isoDateIn } from '../params/wildcards';

export interface AuthMaterial {
  headers: Record<string, string>;
  /** Names of the headers that carry credentials, dropped on a redirect to another origin. */
  credentialHeaders: string[];
  /** Every form of the secret that could be echoed back, for redaction. */
  secretValues: string[];
  warnings: RunWarning[];
  /** Set when the token's configured expiry date has passed. */
  tokenExpiredOn?: string;
}

const EXPIRY_WARNING_DAYS = 14;

export async function buildAuth(datasource: Datasource, secrets: SecretStore, now: number): Promise<AuthMaterial> {
  const material: AuthMaterial = { headers: {}, credentialHeaders: [], secretValues: [], warnings: [] };
  const needed = secretNeededBy(datasource.auth);
  if (!needed) return material;

  const secret = await secrets.get(secretKey(datasource.id, needed));
  if (secret === undefined || secret === '') {
    throw new UpstreamError('SECRET_MISSING', `The datasource "${datasource.name}" uses ${datasource.auth.kind === 'basic' ? 'HTTP Basic' : 'token'} authentication, but no ${needed} is stored.`, {
      hint: `Open the datasource in the app's admin page and enter the ${needed}.`,
      details: { entity: { kind: 'datasource', id: datasource.id, name: datasource.name } },
    });
  }
  material.secretValues.push(secret);

  if (datasource.auth.kind === 'basic') {
    const encoded = Buffer.from(`${datasource.auth.username}:${secret}`, 'utf8').toString('base64');
    material.headers.authorization = `Basic ${encoded}`;
    material.credentialHeaders.push('authorization');
    material.secretValues.push(encoded);
    return material;
  }

  if (datasource.auth.kind === 'token') {
    const { placement, headerName, prefix, expiresAt } = datasource.auth;
    const name = placement === 'header' && headerName ? headerName.toLowerCase() : 'authorization';
    material.headers[name] = placement === 'header' ? `${prefix ?? ''}${secret}` : `Bearer ${secret}`;
    material.credentialHeaders.push(name);

    if (expiresAt) {
      const today = isoDateIn(now, 'UTC');
      const daysLeft = Math.round((Date.parse(`${expiresAt}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
      if (daysLeft < 0) {
        material.tokenExpiredOn = expiresAt;
        material.warnings.push({ code: 'TOKEN_EXPIRING', message: `The token of "${datasource.name}" expired on ${expiresAt}, according to the datasource settings. Replace it.` });
      } else if (daysLeft <= EXPIRY_WARNING_DAYS) {
        material.warnings.push({ code: 'TOKEN_EXPIRING', message: `The token of "${datasource.name}" expires on ${expiresAt} (in ${daysLeft} day${daysLeft === 1 ? '' : 's'}). Replace it before then.` });
      }
    }
  }
  return material;
}

/** Replaces every secret value in a text with `[redacted]`. */
export function redact(text: string, secretValues: string[]): string {
  let result = text;
  for (const value of secretValues) {
    if (value.length >= 4) result = result.split(value).join('[redacted]');
  }
  return result;
}
