// Result of "Test connection" on a datasource.

import type { WireError } from './errors';

export interface ConnectionTestResult {
  ok: boolean;
  url: string;
  status?: number;
  latencyMs: number;
  /** `accepted` when the API took the credentials, `rejected` on 401/403, `not-sent` for auth kind none. */
  auth: 'accepted' | 'rejected' | 'not-sent' | 'unknown';
  tls: { used: boolean; note?: string };
  redirects: string[];
  notes: string[];
  error?: WireError;
}
