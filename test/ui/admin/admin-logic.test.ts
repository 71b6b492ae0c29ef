// The admin page's pure logic: error advice for every code, parameter rows
// following the URL, cache duration syntax and token expiry warnings.

import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/contract/errors';
import { adviceFor, ERROR_ADVICE } from '../../../static/admin/src/api/error-catalog';
import { isValidCacheDuration, syncParameters, usedParameterNames, usedWildcards } from '../../../static/admin/src/queries/parameters';
import { describeExpiry, hasUrlCredentials, isPlainHttp, tokenExpiry } from '../../../static/admin/src/datasources/security';
import type { ParameterDefinition } from '../../../src/contract/entities';

describe('error catalog', () => {
  it.each(ERROR_CODES)('%s has a title and an action', (code) => {
    const advice = ERROR_ADVICE[code];
    expect(advice.title.length).toBeGreaterThan(3);
    expect(advice.action).toMatch(/\.$/);
  });

  it('unknown code falls back to INTERNAL_ERROR', () => {
    expect(adviceFor('NOT_A_CODE')).toBe(ERROR_ADVICE.INTERNAL_ERROR);
  });
});

describe('parameter detection', () => {
  it.each([
    ['/issues?project=:project', ['project']],
    ['/a/:first/b/:second_2?x=:first', ['first', 'second_2']],
    ['/search?at=10:30', []],
    ['/proxy?u=https://example.com', []],
    ['/time?t=12::00', []],
    ['/x?space=:@space.key&user=:@user.accountId', []],
    ['/x/:9lives', []],
    ['/search?jql=project%3D:project', ['project']],
  ])('%s uses %j', (url, names) => {
    expect(usedParameterNames(url)).toEqual(names);
  });

  it('lists wildcards separately', () => {
    expect(usedWildcards('/x?space=:@space.key&p=:page&d=:@date.today')).toEqual(['@space.key', '@date.today']);
  });

  it('finds parameters in a POST body', () => {
    expect(usedParameterNames('/search', '{"jql": "project = :key", "max": :limit}')).toEqual(['key', 'limit']);
  });
});

describe('syncParameters', () => {
  const project: ParameterDefinition = { name: 'project', type: 'enum', options: ['A', 'B'], default: 'A', required: true, description: 'Key', viewerEditable: true };

  it('adds a row with defaults for a new name', () => {
    const rows = syncParameters([], ['limit'], new Map());
    expect(rows).toEqual([{ name: 'limit', type: 'string', required: true, description: '', viewerEditable: false }]);
  });

  it('keeps rows in URL order', () => {
    const limit = { ...project, name: 'limit' };
    expect(syncParameters([project, limit], ['limit', 'project'], new Map()).map((row) => row.name)).toEqual(['limit', 'project']);
  });

  it('restores a removed row when its name comes back', () => {
    const stash = new Map<string, ParameterDefinition>();
    const without = syncParameters([project], [], stash);
    expect(without).toEqual([]);
    expect(syncParameters(without, ['project'], stash)).toEqual([project]);
  });
});

describe('isValidCacheDuration', () => {
  it.each(['0', '30s', '15m', '12h', '3d'])('accepts %s', (value) => {
    expect(isValidCacheDuration(value)).toBe(true);
  });

  it.each(['', '5', '05m', '1w', '-1m', '1.5h', 'm'])('rejects %j', (value) => {
    expect(isValidCacheDuration(value)).toBe(false);
  });
});

describe('tokenExpiry', () => {
  const today = new Date(2026, 0, 10);

  it('is none without a date', () => {
    expect(tokenExpiry(undefined, today)).toEqual({ state: 'none' });
  });

  it('is ok beyond 14 days', () => {
    expect(tokenExpiry('2026-01-25', today)).toEqual({ state: 'ok', days: 15 });
  });

  it('warns at 14 days', () => {
    expect(tokenExpiry('2026-01-24', today)).toEqual({ state: 'soon', days: 14 });
  });

  it('warns on the last day', () => {
    expect(describeExpiry(tokenExpiry('2026-01-10', today))).toBe('Expires today.');
  });

  it('is expired the day after', () => {
    expect(tokenExpiry('2026-01-09', today)).toEqual({ state: 'expired', days: -1 });
    expect(describeExpiry(tokenExpiry('2026-01-09', today))).toMatch(/^Expired yesterday\./);
  });

  it('rejects other date formats', () => {
    expect(tokenExpiry('10/01/2026', today)).toEqual({ state: 'invalid' });
  });
});

describe('URL checks', () => {
  it('flags plain http', () => {
    expect(isPlainHttp(' HTTP://example.com')).toBe(true);
    expect(isPlainHttp('https://example.com')).toBe(false);
  });

  it('flags credentials in the URL', () => {
    expect(hasUrlCredentials('https://user:secret@example.com/api')).toBe(true);
    expect(hasUrlCredentials('https://example.com/api?mail=a@b.c')).toBe(false);
  });
});
