// Turns a converter result into rows and columns: the shape both the default
// table and the chart builder start from. Values stay raw here.

export interface Tabulated {
  /** Column keys: the union of the rows' keys in first-seen order. */
  keys: string[];
  /** One array per row, aligned with `keys`; `undefined` where a row lacks the key. */
  rows: unknown[][];
  layout: 'rows' | 'keyValue';
}

/** Column key for list items that are not objects, such as `["a", "b"]`. */
export const SCALAR_COLUMN = 'value';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** PocketQuery's `$PQ.toList`: a list stays a list, nothing becomes an empty list, anything else a one-item list. */
export function toRowList(result: unknown): unknown[] {
  if (Array.isArray(result)) return result;
  if (result === null || result === undefined) return [];
  return [result];
}

export function isEmptyResult(result: unknown): boolean {
  if (result === null || result === undefined || result === '') return true;
  if (Array.isArray(result)) return result.length === 0;
  if (isRecord(result)) return Object.keys(result).length === 0;
  return false;
}

/** Rows and columns for a list (`rows` layout) or a single object (`keyValue` layout); undefined for a scalar or an empty result. */
export function tabulate(result: unknown): Tabulated | undefined {
  if (isEmptyResult(result)) return undefined;
  if (isRecord(result)) {
    return { keys: ['key', SCALAR_COLUMN], rows: Object.entries(result), layout: 'keyValue' };
  }
  if (!Array.isArray(result)) return undefined;
  return tabulateList(result);
}

/** Rows and columns of a list, always in `rows` layout. */
export function tabulateList(items: unknown[]): Tabulated {
  const index = new Map<string, number>();
  const keys: string[] = [];
  const addKey = (key: string): number => {
    let position = index.get(key);
    if (position === undefined) {
      position = keys.length;
      index.set(key, position);
      keys.push(key);
    }
    return position;
  };

  // First pass collects the union of keys, so a key that only later rows carry still gets a column.
  for (const item of items) {
    if (isRecord(item)) {
      for (const key in item) if (Object.hasOwn(item, key)) addKey(key);
    } else {
      addKey(SCALAR_COLUMN);
    }
  }

  const width = keys.length;
  const rows: unknown[][] = new Array(items.length);
  for (let rowIndex = 0; rowIndex < items.length; rowIndex += 1) {
    const item = items[rowIndex];
    const row: unknown[] = new Array(width).fill(undefined);
    if (isRecord(item)) {
      for (const key in item) if (Object.hasOwn(item, key)) row[index.get(key)!] = item[key];
    } else {
      row[index.get(SCALAR_COLUMN)!] = item;
    }
    rows[rowIndex] = row;
  }
  return { keys, rows, layout: 'rows' };
}
