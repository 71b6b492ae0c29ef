// Locale and time zone come from the browser. They only change how numbers
// and dates are formatted, but anything Intl does not accept falls back to a
// default here instead of failing a render later.

import type { Scope } from './scope';

export function formatSettings(scope: Scope): { locale: string; timeZone: string } {
  return { locale: supportedLocale(scope.hints.locale), timeZone: supportedTimeZone(scope.hints.timeZone) };
}

export function supportedLocale(locale: string | undefined): string {
  if (!locale) return 'en-US';
  try {
    return Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

export function supportedTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}
