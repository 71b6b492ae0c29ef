// The demo API's TLS certificate: self-signed for 127.0.0.1, generated once
// and kept in the data directory, so the datasource's trust in it survives
// restarts. The host's outbound fetch trusts exactly this certificate (as `ca`).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { createSelfSignedCertificate, type CertificatePair } from '../../core/http/self-signed-cert';

/** Renew this long before expiry, so a running host never serves an expired certificate. */
const RENEW_BEFORE_MS = 14 * 24 * 60 * 60 * 1000;

export async function loadOrCreateCertificate(dataDir: string, now = Date.now()): Promise<CertificatePair> {
  const certFile = join(dataDir, 'demo-api.cert.pem');
  const keyFile = join(dataDir, 'demo-api.key.pem');

  if (existsSync(certFile) && existsSync(keyFile)) {
    const pair = { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
    const validTo = Date.parse(new X509Certificate(pair.cert).validTo);
    if (validTo - now > RENEW_BEFORE_MS) return pair;
  }

  const pair = await createSelfSignedCertificate('127.0.0.1');
  writeFileSync(keyFile, pair.key, { mode: 0o600 });
  writeFileSync(certFile, pair.cert, { mode: 0o644 });
  return pair;
}
