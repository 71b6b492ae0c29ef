import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/contract/errors';
import { isAdminKey } from '../../src/contract/resolvers';

describe('contract', () => {
  it('error codes are unique', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('macro keys are not admin keys', () => {
    expect(isAdminKey('macro/run')).toBe(false);
    expect(isAdminKey('datasources/save')).toBe(true);
  });
});
