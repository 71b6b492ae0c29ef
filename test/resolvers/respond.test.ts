// Error mapping helpers and the permission cache.

import { describe, expect, it } from 'vitest';

import { AppError } from '../../src/errors/app-error';
import { AdminCheck } from '../../src/resolvers/admin-check';
import type { ConfluencePort } from '../../src/resolvers/deps';
import { failure, redact } from '../../src/resolvers/respond';
import { ManualClock } from '../support/manual-clock';

describe('redact', () => {
  const cases: [string, string][] = [
    ['connect to https://robot:s3cret@jira.example.com failed', 'connect to https://***:***@jira.example.com failed'],
    ['Authorization: Bearer abc.def.ghi', 'Authorization: Bearer ***'],
    ['password=hunter2; retry', 'password=***; retry'],
    ['token "tok-123" rejected', 'token "***" rejected'],
    ['Authorization: Basic cm9ib3Q6czNjcmV0', 'Authorization: Basic ***'],
    ['api_key=xyz', 'api_key=***'],
    ['plain message', 'plain message'],
  ];
  for (const [input, expected] of cases) {
    it(`masks ${JSON.stringify(input)}`, () => {
      expect(redact(input)).toBe(expected);
    });
  }

  it('caps the length', () => {
    expect(redact('x'.repeat(1000))).toHaveLength(300);
  });
});

describe('failure', () => {
  it('passes an AppError through with its code', () => {
    const lines: unknown[] = [];
    const logger = { info: (event: string, fields: unknown) => lines.push({ event, fields }), warn() {}, error() {} };
    const error = new AppError('SPACE_NOT_ALLOWED', 'Not here.', { hint: 'Go elsewhere.' });
    expect(failure(error, { key: 'macro/run', requestId: 'r-1', siteId: 's', accountId: 'a' }, logger)).toEqual({
      ok: false,
      error: { code: 'SPACE_NOT_ALLOWED', message: 'Not here.', hint: 'Go elsewhere.' },
    });
    expect(lines).toEqual([{ event: 'resolver.rejected', fields: { key: 'macro/run', code: 'SPACE_NOT_ALLOWED', requestId: 'r-1', siteId: 's', accountId: 'a' } }]);
  });

  it('hides a thrown string', () => {
    const response = failure('raw secret text', { key: 'macro/run', requestId: 'r-2' }, { info() {}, warn() {}, error() {} });
    expect(JSON.stringify(response)).not.toContain('raw secret text');
    expect(response).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
  });
});

describe('AdminCheck', () => {
  function countingPort(admins: string[]): ConfluencePort & { calls: number } {
    const port = {
      calls: 0,
      async isAdmin(accountId: string) {
        port.calls += 1;
        return admins.includes(accountId);
      },
      async getPage() {
        return undefined;
      },
    };
    return port;
  }

  it('asks again after 60 seconds', async () => {
    const clock = new ManualClock();
    const check = new AdminCheck();
    const port = countingPort(['a']);
    expect(await check.isAdmin('site', 'a', port, clock)).toBe(true);
    clock.advance(59_000);
    expect(await check.isAdmin('site', 'a', port, clock)).toBe(true);
    expect(port.calls).toBe(1);
    clock.advance(2_000);
    await check.isAdmin('site', 'a', port, clock);
    expect(port.calls).toBe(2);
  });

  it('keeps sites apart', async () => {
    const clock = new ManualClock();
    const check = new AdminCheck();
    const admin = countingPort(['a']);
    const nobody = countingPort([]);
    expect(await check.isAdmin('site-1', 'a', admin, clock)).toBe(true);
    expect(await check.isAdmin('site-2', 'a', nobody, clock)).toBe(false);
  });

  it('shares one lookup between concurrent calls', async () => {
    const clock = new ManualClock();
    const check = new AdminCheck();
    const port = countingPort(['a']);
    await Promise.all([check.isAdmin('s', 'a', port, clock), check.isAdmin('s', 'a', port, clock), check.isAdmin('s', 'a', port, clock)]);
    expect(port.calls).toBe(1);
  });

  it('does not cache a failed lookup', async () => {
    const clock = new ManualClock();
    const check = new AdminCheck();
    let calls = 0;
    const failing: ConfluencePort = {
      isAdmin: async () => {
        calls += 1;
        throw new Error('Confluence down');
      },
      getPage: async () => undefined,
    };
    await expect(check.isAdmin('s', 'a', failing, clock)).rejects.toThrow('Confluence down');
    await expect(check.isAdmin('s', 'a', failing, clock)).rejects.toThrow('Confluence down');
    expect(calls).toBe(2);
  });
});
