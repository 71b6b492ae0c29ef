import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../../src/contract/errors';
import { describeError, ERROR_TEXTS } from '../../../../static/shared/src/error-text';

describe('error texts', () => {
  it.each(ERROR_CODES)('%s has title and both wordings', (code) => {
    const text = ERROR_TEXTS[code];
    expect(text.title.length).toBeGreaterThan(5);
    expect(text.viewer.length).toBeGreaterThan(10);
    expect(text.admin.length).toBeGreaterThan(10);
  });

  it('viewer wording never sends viewers to app settings', () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_TEXTS[code].viewer, code).not.toMatch(/manifest|datasource settings|app settings|app logs/i);
    }
  });

  it('unknown codes fall back to the internal error', () => {
    expect(describeError('SOMETHING_NEW', 'viewer')).toEqual({ title: ERROR_TEXTS.INTERNAL_ERROR.title, action: ERROR_TEXTS.INTERNAL_ERROR.viewer });
  });

  it('credential errors name the token for admins', () => {
    for (const code of ['AUTH_FAILED', 'SECRET_MISSING', 'TOKEN_EXPIRED', 'UNEXPECTED_CONTENT'] as const) {
      expect(describeError(code, 'admin').action, code).toMatch(/datasource token/);
      expect(describeError(code, 'viewer').action, code).toMatch(/Confluence admin/);
    }
  });
});
