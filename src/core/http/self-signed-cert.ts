// Self-signed certificates for servers on this machine: the local host's demo
// REST API and the test servers. Node only; the Forge bundle never imports it.

import { generate } from 'selfsigned';

export interface CertificatePair {
  /** PEM private key. */
  key: string;
  /** PEM certificate. Clients trust it by passing it as `ca`. */
  cert: string;
}

/**
 * Generates a certificate valid for `localhost`, `127.0.0.1` and `::1` for one
 * year. Key generation takes about 100 ms, so callers should cache the result.
 */
export async function createSelfSignedCertificate(commonName = 'localhost'): Promise<CertificatePair> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
