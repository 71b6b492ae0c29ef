// The CLI's network policy and trusted certificates. The CLI sends requests
// through the app's REST client, so by default it rejects loopback and private
// addresses like the Forge deployment. Local or self-signed APIs are allowed per host.

import { readFile } from 'node:fs/promises';
import type { NetworkPolicy } from '../core/http';
import { parseHostPattern } from '../core/http';
import { AppError } from '../errors/app-error';

/** Comma-separated `host` or `host:port` entries that may resolve to a private or loopback address. */
export const ALLOW_PRIVATE_HOSTS_VARIABLE = 'PQ_ALLOW_PRIVATE_HOSTS';
/** Path of a PEM file with extra certificates to trust beside the system roots. */
export const CA_FILE_VARIABLE = 'PQ_CA_FILE';

export interface NetworkArguments {
  allowPrivateHosts?: string[];
  caFile?: string;
}

export interface CliNetwork {
  policy: NetworkPolicy;
  ca?: string;
}

/** Command-line options win over the environment; host lists from both are merged. */
export async function cliNetwork(args: NetworkArguments, env: NodeJS.ProcessEnv): Promise<CliNetwork> {
  const fromEnv = (env[ALLOW_PRIVATE_HOSTS_VARIABLE] ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const hosts = [...fromEnv, ...(args.allowPrivateHosts ?? [])];
  for (const host of hosts) {
    const pattern = parseHostPattern(host);
    if (!pattern || pattern.isWildcard) {
      throw new AppError('INVALID_REQUEST', `"${host}" is not a host or host:port to allow private access to.`, {
        hint: `List exact hosts such as 127.0.0.1:8443 or localhost in --allow-private-host or ${ALLOW_PRIVATE_HOSTS_VARIABLE}; wildcards are not accepted.`,
        details: { value: host.slice(0, 100) },
      });
    }
  }

  const caFile = args.caFile ?? (env[CA_FILE_VARIABLE] || undefined);
  const network: CliNetwork = { policy: { privateHostsAllowed: hosts } };
  if (caFile) network.ca = await readCertificates(caFile);
  return network;
}

async function readCertificates(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('INVALID_REQUEST', `Cannot read the certificate file "${file}": ${(error as NodeJS.ErrnoException).code ?? 'read failed'}.`, {
      hint: `Check the path given to --ca-file or ${CA_FILE_VARIABLE}.`,
    });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new AppError('INVALID_REQUEST', `The certificate file "${file}" contains no PEM certificate.`, {
      hint: 'The file must contain one or more "-----BEGIN CERTIFICATE-----" blocks.',
    });
  }
  return text;
}
