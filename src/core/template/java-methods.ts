// Java methods that PocketQuery templates call on strings, lists and maps.
// Templates were written for Java Velocity, where `$name.isEmpty()` or
// `$list.contains("x")` are plain Java calls; velocityjs only knows the
// JavaScript methods of the value, so these handlers fill the gap. They are
// consulted before velocityjs's own handlers and never mutate their target.

import { javaEquals, toJavaString } from './java-string';

interface MethodCall {
  property: string;
  context: unknown;
  params: unknown[];
}

export interface CustomMethodHandler {
  uid: string;
  match: (call: MethodCall) => boolean;
  resolve: (call: MethodCall) => unknown;
}

type Kind = 'string' | 'list' | 'map' | 'number';

function kindOf(value: unknown): Kind | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object' && value !== null) return 'map';
  return undefined;
}

function isPlainData(value: unknown, property: string): boolean {
  // A helper object with a real method of that name keeps it.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return !(Object.hasOwn(value, property) && typeof (value as Record<string, unknown>)[property] === 'function');
  }
  return true;
}

function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(String(value).trim());
}

/** Java's String.split drops trailing empty strings; the separator is matched literally after unescaping `\\|`-style escapes. */
function javaSplit(text: string, separator: unknown): string[] {
  const literal = String(separator).replace(/\\(.)/g, '$1');
  const parts = literal === '' ? Array.from(text) : text.split(literal);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const METHODS: Record<string, { kinds: Kind[]; call: (target: never, params: unknown[]) => unknown }> = {
  isEmpty: {
    kinds: ['string', 'list', 'map'],
    call: (target: string | unknown[] | Record<string, unknown>) =>
      typeof target === 'string' || Array.isArray(target) ? target.length === 0 : Object.keys(target).length === 0,
  },
  length: { kinds: ['string', 'list'], call: (target: string | unknown[]) => target.length },
  contains: {
    kinds: ['string', 'list'],
    call: (target: string | unknown[], [needle]) =>
      typeof target === 'string' ? target.includes(toJavaString(needle)) : target.some((item) => javaEquals(item, needle)),
  },
  containsKey: {
    kinds: ['map'],
    call: (target: Record<string, unknown>, [key]) => Object.hasOwn(target, String(key)),
  },
  containsValue: {
    kinds: ['map'],
    call: (target: Record<string, unknown>, [needle]) => Object.values(target).some((item) => javaEquals(item, needle)),
  },
  values: { kinds: ['map'], call: (target: Record<string, unknown>) => Object.values(target) },
  equals: { kinds: ['string', 'list', 'map', 'number'], call: (target: unknown, [other]) => javaEquals(target, other) },
  equalsIgnoreCase: {
    kinds: ['string'],
    call: (target: string, [other]) => typeof other === 'string' && target.toLowerCase() === other.toLowerCase(),
  },
  toString: { kinds: ['string', 'list', 'map', 'number'] as Kind[], call: (target: unknown) => toJavaString(target) },
  replace: {
    kinds: ['string'],
    call: (target: string, [search, replacement]) => target.split(toJavaString(search)).join(toJavaString(replacement)),
  },
  split: { kinds: ['string'], call: (target: string, [separator]) => javaSplit(target, separator) },
  indexOf: {
    kinds: ['string', 'list'],
    call: (target: string | unknown[], [needle]) =>
      typeof target === 'string' ? target.indexOf(toJavaString(needle)) : target.findIndex((item) => javaEquals(item, needle)),
  },
  intValue: { kinds: ['string', 'number'], call: (target: unknown) => Math.trunc(toNumber(target)) },
  longValue: { kinds: ['string', 'number'], call: (target: unknown) => Math.trunc(toNumber(target)) },
  doubleValue: { kinds: ['string', 'number'], call: (target: unknown) => toNumber(target) },
  floatValue: { kinds: ['string', 'number'], call: (target: unknown) => toNumber(target) },
};

export const javaMethodHandlers: CustomMethodHandler[] = Object.entries(METHODS).map(([name, method]) => ({
  uid: `java: ${name}`,
  match: ({ property, context }) => {
    if (property !== name) return false;
    const kind = kindOf(context);
    return kind !== undefined && method.kinds.includes(kind) && isPlainData(context, property);
  },
  resolve: ({ context, params }) => method.call(context as never, params),
}));
