// Security facts the datasource editor shows while the admin types.

/** A token this close to expiry gets a warning. */
export const TOKEN_EXPIRY_WARNING_DAYS = 14;

export type ExpiryState =
  | { state: 'none' }
  | { state: 'invalid' }
  | { state: 'expired'; days: number }
  | { state: 'soon'; days: number }
  | { state: 'ok'; days: number };

/** Whole days from today (local date) until an ISO `YYYY-MM-DD` expiry date; the token works through that day. */
export function tokenExpiry(expiresAt: string | undefined, today: Date = new Date()): ExpiryState {
  if (!expiresAt) return { state: 'none' };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expiresAt);
  if (!match) return { state: 'invalid' };

  const expiry = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const days = Math.round((expiry - start) / 86_400_000);
  if (days < 0) return { state: 'expired', days };
  if (days <= TOKEN_EXPIRY_WARNING_DAYS) return { state: 'soon', days };
  return { state: 'ok', days };
}

export function describeExpiry(expiry: ExpiryState): string {
  switch (expiry.state) {
    case 'none':
      return 'No expiry date set.';
    case 'invalid':
      return 'Enter the date as YYYY-MM-DD.';
    case 'expired':
      return `Expired ${-expiry.days === 1 ? 'yesterday' : `${-expiry.days} days ago`}. Every query on this datasource fails until the token is replaced.`;
    case 'soon':
      return expiry.days === 0 ? 'Expires today.' : `Expires in ${expiry.days} ${expiry.days === 1 ? 'day' : 'days'}.`;
    case 'ok':
      return `Expires in ${expiry.days} days.`;
  }
}

export function isPlainHttp(url: string): boolean {
  return /^http:\/\//i.test(url.trim());
}

/** Credentials typed into the URL (https://user:pass@host) would be stored as plain text. */
export function hasUrlCredentials(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url.trim());
}
