import { describe, expect, it } from 'vitest';
import { filterQueries } from '../../../../static/config/src/query-picker';
import { formatAge } from '../../../../static/macro/src/result-toolbar';
import { parseMacroConfig } from '../../../../static/shared/src/platform-config';
import { filterStyle } from '../../../../static/shared/src/result/sanitize';
import { QUERIES } from '../support/queries';

describe('filterQueries', () => {
  it('matches every word in name or description', () => {
    expect(filterQueries(QUERIES, 'jira versions').map((query) => query.id)).toEqual(['q-versions']);
    expect(filterQueries(QUERIES, '  ').map((query) => query.id)).toEqual(['q-versions', 'q-issues', 'q-stars']);
  });

  it('ignores case and accents', () => {
    expect(filterQueries([{ ...QUERIES[0]!, name: 'Équipe backlog' }], 'equipe').length).toBe(1);
  });
});

describe('formatAge', () => {
  const now = new Date('2026-03-31T12:00:00Z');
  it.each([
    [10, 'just now'],
    [5 * 60, '5 minutes ago'],
    [3 * 3600, '3 hours ago'],
    [2 * 86400, '2 days ago'],
  ])('%i seconds', (seconds, expected) => {
    expect(formatAge(new Date(now.getTime() - seconds * 1000), now)).toBe(expected);
  });
});

describe('parseMacroConfig', () => {
  it('keeps query id and string parameters', () => {
    expect(parseMacroConfig({ queryId: 'q1', parameters: { a: 'x', b: 2, c: null }, extra: 'dropped' })).toEqual({ queryId: 'q1', parameters: { a: 'x' } });
  });

  it('rejects configs without a query', () => {
    expect(parseMacroConfig(undefined)).toBeUndefined();
    expect(parseMacroConfig({ queryId: '' })).toBeUndefined();
    expect(parseMacroConfig('q1')).toBeUndefined();
  });
});

describe('filterStyle', () => {
  it.each([
    ['color: red; position: fixed', 'color: red'],
    ['background-color:#fff;z-index:9999', 'background-color: #fff'],
    ['background-color: url(javascript:alert(1))', ''],
    ['width: expression(alert(1))', ''],
    ['color: \\72 ed', ''],
    ['TEXT-ALIGN: right', 'text-align: right'],
    ['no declaration here', ''],
  ])('%j', (style, expected) => {
    expect(filterStyle(style)).toBe(expected);
  });
});
