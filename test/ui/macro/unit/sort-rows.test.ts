import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../../src/contract/run';
import { sortRowIndices, toSortKey } from '../../../../static/shared/src/table/sort-rows';
import { largeVersionsTable } from '../support/fixtures';

const column = (values: CellValue[]) => values.map((value) => [value]);
const sorted = (values: CellValue[], type: Parameters<typeof sortRowIndices>[2], direction: 'ascending' | 'descending' = 'ascending') =>
  sortRowIndices(column(values), 0, type, direction).map((index) => values[index]);

describe('sortRowIndices', () => {
  it('sorts numbers numerically', () => {
    expect(sorted([10, 9, 100, -1, 2.5], 'number')).toEqual([-1, 2.5, 9, 10, 100]);
  });

  it('reads numeric strings as numbers', () => {
    expect(sorted(['10', '9', '1,200', '-3', '1e2'], 'number')).toEqual(['-3', '9', '10', '1e2', '1,200']);
  });

  it('puts nulls and unreadable values last both ways', () => {
    expect(sorted([3, null, 1, 'n/a', 2], 'number')).toEqual([1, 2, 3, null, 'n/a']);
    expect(sorted([3, null, 1, 'n/a', 2], 'number', 'descending')).toEqual([3, 2, 1, null, 'n/a']);
  });

  it('sorts dates by time across formats', () => {
    const values = ['2015-03-20', '2011-12-15T15:35:06.000+1300', null, '2011-12-15T02:00:00Z', '2020-01-01'];
    // 15:35:06 at +13:00 is 02:35:06 UTC, so it comes after 02:00 UTC.
    expect(sorted(values, 'date')).toEqual(['2011-12-15T02:00:00Z', '2011-12-15T15:35:06.000+1300', '2015-03-20', '2020-01-01', null]);
  });

  it('sorts booleans false first', () => {
    expect(sorted([true, false, null, 'true', 'false'], 'boolean')).toEqual([false, 'false', true, 'true', null]);
  });

  it('sorts text naturally and ignores case', () => {
    expect(sorted(['item 10', 'Item 2', 'item 1', '', null, ' apple'], 'text')).toEqual([' apple', 'item 1', 'Item 2', 'item 10', '', null]);
  });

  it('keeps source order for equal keys', () => {
    const rows: CellValue[][] = [['a', 1], ['b', 1], ['c', 0], ['d', 1]];
    expect(sortRowIndices(rows, 1, 'number', 'ascending')).toEqual([2, 0, 1, 3]);
    expect(sortRowIndices(rows, 1, 'number', 'descending')).toEqual([0, 1, 3, 2]);
  });

  it('does not modify the rows', () => {
    const rows: CellValue[][] = [[3], [1], [2]];
    sortRowIndices(rows, 0, 'number', 'ascending');
    expect(rows).toEqual([[3], [1], [2]]);
  });

  it('sorts 10,000 real-shaped rows per column type', () => {
    const table = largeVersionsTable(10_000);
    for (const [index, columnDefinition] of table.columns.entries()) {
      const order = sortRowIndices(table.rows, index, columnDefinition.type, 'ascending');
      expect(new Set(order).size, columnDefinition.key).toBe(10_000);
    }
  });
});

describe('toSortKey', () => {
  it('rejects values of another type', () => {
    expect(toSortKey('abc', 'number')).toBeNaN();
    expect(toSortKey('yes', 'boolean')).toBeNaN();
    expect(toSortKey('not a date', 'date')).toBeNaN();
    expect(toSortKey(true, 'number')).toBeNaN();
  });

  it('accepts epoch milliseconds as dates', () => {
    expect(toSortKey(0, 'date')).toBe(0);
  });
});
