import { describe, expect, it } from 'vitest';
import { buildTableData, compactCell, renderTableHtml } from '../../src/core/table';
import { render } from './helpers';

describe('table > buildTableData', () => {
  it('takes the union of keys in first-seen order', () => {
    const table = buildTableData([{ a: 1 }, { b: 'x', a: 2 }, { c: true }], 'table-1');
    expect(table?.columns).toEqual([
      { key: 'a', label: 'a', type: 'number' },
      { key: 'b', label: 'b', type: 'text' },
      { key: 'c', label: 'c', type: 'boolean' },
    ]);
    expect(table?.rows).toEqual([
      [1, null, null],
      [2, 'x', null],
      [null, null, true],
    ]);
  });

  it('renders a single object as key/value', () => {
    const table = buildTableData({ version: '8.0', numbers: [8, 0] }, 'table-1');
    expect(table).toEqual({
      id: 'table-1',
      layout: 'keyValue',
      columns: [
        { key: 'key', label: 'Key', type: 'text' },
        { key: 'value', label: 'Value', type: 'text' },
      ],
      rows: [
        ['version', '8.0'],
        ['numbers', '8, 0'],
      ],
    });
  });

  it('puts scalars in a value column', () => {
    expect(buildTableData(['a', 'b'], 't')?.rows).toEqual([['a'], ['b']]);
  });

  it('types date columns', () => {
    expect(buildTableData([{ d: '2015-03-20' }, { d: '2013-04-03T09:33:46.000-07:00' }, { d: null }], 't')?.columns[0]?.type).toBe('date');
  });

  it('is undefined for scalars and empties', () => {
    expect(buildTableData(5, 't')).toBeUndefined();
    expect(buildTableData([], 't')).toBeUndefined();
  });
});

describe('table > compactCell', () => {
  it.each([
    [{ displayName: 'Person A', name: 'usera' }, 'Person A'],
    [{ name: 'Open', id: '1' }, 'Open'],
    [{ value: 'High' }, 'High'],
    [{ key: 'SLING' }, 'SLING'],
    [[{ name: 'a' }, { name: 'b' }], 'a, b'],
    [[], null],
    [{ id: 1, self: 'x' }, 'id=1, self=x'],
    [{ nested: { deep: { x: 1 } } }, 'nested=deep=x=1'],
    [null, null],
    [Number.NaN, null],
  ])('%j -> %j', (value, expected) => {
    expect(compactCell(value)).toBe(expected);
  });

  it('never prints [object Object]', () => {
    const table = buildTableData([{ a: { b: {} }, c: [{}], d: { e: [{ f: 1 }] } }], 't');
    expect(JSON.stringify(table)).not.toContain('[object Object]');
  });
});

describe('table > default template', () => {
  it('returns a placeholder and data', () => {
    const output = render('', [{ a: '<b>' }], { template: undefined });
    expect(output.html).toBe('<div class="pq-table" data-table-id="table-1"></div>');
    expect(output.tables).toHaveLength(1);
  });

  it('shows No results for an empty list', () => {
    const output = render('', [], { template: undefined });
    expect(output).toMatchObject({ isEmpty: true, emptyMessage: 'No results', html: '<p class="pq-empty">No results</p>' });
  });
});

describe('table > renderTableHtml', () => {
  it('escapes cells and headers', () => {
    const table = buildTableData([{ '<k>': '<script>', n: null }], 'table-1')!;
    expect(renderTableHtml(table)).toBe(
      '<table class="pq-table-static" data-table-id="table-1"><thead><tr><th>&lt;k&gt;</th><th>n</th></tr></thead><tbody><tr><td>&lt;script&gt;</td><td></td></tr></tbody></table>',
    );
  });

  it('renders 10,000 rows quickly', () => {
    const rows = Array.from({ length: 10_000 }, (_, index) => ({
      key: `SLING-${index}`,
      summary: `Issue number ${index} <with markup>`,
      status: { name: index % 2 ? 'Open' : 'Closed' },
      assignee: index % 3 ? { displayName: 'Person A' } : null,
      votes: index % 17,
      created: '2015-03-20T10:00:00.000+0000',
    }));
    const started = performance.now();
    const output = render('', rows, { template: undefined });
    const elapsed = performance.now() - started;
    expect(output.tables[0]?.rows).toHaveLength(10_000);
    // Loose bound so a loaded CI machine does not fail; the benchmark reports the real number.
    expect(elapsed).toBeLessThan(400);
  });
});
