// Context wildcards: values the query takes from where it runs rather than
// from the page author. They appear in the parameter map under `@`-keys, as
// PocketQuery names them.

import type { Clock, ExecutionContext } from '../ports';

export const WILDCARD_NAMES = ['@space.key', '@space.id', '@page.id', '@page.title', '@user.accountId', '@date.today'] as const;

export type WildcardName = (typeof WILDCARD_NAMES)[number];

export function isKnownWildcard(name: string): name is WildcardName {
  return (WILDCARD_NAMES as readonly string[]).includes(name);
}

/** Returns the wildcard's value in this context, or undefined when the context has none (no page, anonymous viewer). */
export function resolveWildcard(name: WildcardName, context: ExecutionContext, clock: Clock): string | undefined {
  switch (name) {
    case '@space.key':
      return context.spaceKey;
    case '@space.id':
      return context.spaceId;
    case '@page.id':
      return context.pageId;
    case '@page.title':
      return context.pageTitle;
    case '@user.accountId':
      return context.accountId;
    case '@date.today':
      return isoDateIn(clock.now(), context.timeZone);
  }
}

/** Formats an instant as YYYY-MM-DD in a time zone, falling back to UTC for an unknown zone. */
export function isoDateIn(epochMilliseconds: number, timeZone: string): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(epochMilliseconds);
  try {
    return format(timeZone);
  } catch {
    return format('UTC');
  }
}

export function describeMissingWildcard(name: WildcardName): string {
  if (name.startsWith('@page.') || name.startsWith('@space.')) return 'the query runs outside a page, so there is no page or space';
  if (name === '@user.accountId') return 'the viewer is not logged in';
  return 'the context does not provide it';
}
