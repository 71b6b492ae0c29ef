// One table cell from any JSON value. Nested objects show their most telling
// field (a Jira status shows its name, a user their display name), lists are
// joined, and nothing ever prints as `[object Object]`.

import type { CellValue, ColumnType } from '../../contract/run';

const PREFERRED_FIELDS = ['displayName', 'name', 'value', 'key', 'title', 'label'];
const MAX_FALLBACK_CHARS = 200;
/** REST data can nest thousands of levels deep; a cell never needs more than a few, and recursion must not overflow the stack. */
const MAX_DEPTH = 8;

export function compactCell(value: unknown, depth = 0): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) return compactList(value, depth + 1);
  if (typeof value === 'object') return compactObject(value as Record<string, unknown>, depth + 1);
  return null;
}

function compactList(items: unknown[], depth: number): string | null {
  const parts: string[] = [];
  for (const item of items) {
    const cell = compactCell(item, depth);
    if (cell !== null && cell !== '') parts.push(String(cell));
  }
  return parts.length === 0 ? null : parts.join(', ');
}

function compactObject(record: Record<string, unknown>, depth: number): CellValue {
  for (const field of PREFERRED_FIELDS) {
    const candidate = record[field];
    if (typeof candidate === 'string' || typeof candidate === 'number' || typeof candidate === 'boolean') {
      if (Object.hasOwn(record, field)) return candidate;
    }
  }

  const entries: string[] = [];
  let length = 2;
  for (const [key, entry] of Object.entries(record)) {
    const cell = compactCell(entry, depth);
    if (cell === null) continue;
    const text = `${key}=${cell}`;
    length += text.length + 2;
    entries.push(text);
    if (length > MAX_FALLBACK_CHARS) break;
  }
  if (entries.length === 0) return null;
  const joined = entries.join(', ');
  return joined.length > MAX_FALLBACK_CHARS ? joined.slice(0, MAX_FALLBACK_CHARS) + '…' : joined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The column's type when every non-empty cell agrees; `text` otherwise. */
export function inferColumnType(cells: readonly CellValue[]): ColumnType {
  let seen: ColumnType | undefined;
  for (const cell of cells) {
    if (cell === null || cell === '') continue;
    let type: ColumnType;
    if (typeof cell === 'number') type = 'number';
    else if (typeof cell === 'boolean') type = 'boolean';
    else if (ISO_DATE.test(cell)) type = 'date';
    else return 'text';
    if (seen === undefined) seen = type;
    else if (seen !== type) return 'text';
  }
  return seen ?? 'text';
}
