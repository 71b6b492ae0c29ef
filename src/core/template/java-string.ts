// Text form of template values as Java's toString prints them, because
// PocketQuery templates were written against Java Velocity: a list prints as
// `[a, b]`, a map as `{key=value}`.

import { isSafeHtml } from './safe-html';

export function toJavaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (isSafeHtml(value)) return value.html;
  if (Array.isArray(value)) return '[' + value.map(toJavaString).join(', ') + ']';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([key, entry]) => `${key}=${toJavaString(entry)}`);
    return '{' + entries.join(', ') + '}';
  }
  return '';
}

/** Java's `equals`: same type and value; lists and maps compare element by element. */
export function javaEquals(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (left === null || right === null || left === undefined || right === undefined) return false;
  if (typeof left !== typeof right) return false;
  if (typeof left === 'number') return Number.isNaN(left) && Number.isNaN(right as number);
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => javaEquals(item, right[index]));
  }
  if (typeof left === 'object') {
    if (Array.isArray(right)) return false;
    const leftKeys = Object.keys(left as object);
    const rightRecord = right as Record<string, unknown>;
    if (leftKeys.length !== Object.keys(rightRecord).length) return false;
    return leftKeys.every((key) => Object.hasOwn(rightRecord, key) && javaEquals((left as Record<string, unknown>)[key], rightRecord[key]));
  }
  return false;
}
