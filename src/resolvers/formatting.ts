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

// Checking a zone constructs an Intl.DateTimeFormat, which costs about as
// much as a whole cache hit of macro/run, so results are cached. The names come
// from the browser, so the map is bounded.
const MAX_REMEMBERED_ZONES = 500;
const checkedZones = new Map<string, string>();

export function supportedTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  const remembered = checkedZones.get(timeZone);
  if (remembered !== undefined) return remembered;

  let supported = 'UTC';
  try {
    supported = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    // Intl rejects the zone name, so UTC stays.
  }
  if (checkedZones.size >= MAX_REMEMBERED_ZONES) checkedZones.delete(checkedZones.keys().next().value as string);
  checkedZones.set(timeZone, supported);
  return supported;
}
