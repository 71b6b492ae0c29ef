import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDefaultConverter } from '../../src/core/convert/index';
import { isAppError } from '../../src/errors/app-error';

const BOM_EMPTY_OBJECT = readFileSync(new URL('../fixtures/jsontestsuite_i_structure_UTF-8_BOM_empty_object.json', import.meta.url), 'utf8');
const JIRA_SEARCH = readFileSync(new URL('../fixtures/jira_v2_search_server_11issues_jira-ruby.json', import.meta.url), 'utf8');

function failureOf(json: string) {
  try {
    runDefaultConverter(json);
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected runDefaultConverter to fail');
}

describe('runDefaultConverter', () => {
  it('parses a real response', () => {
    const value = runDefaultConverter(JIRA_SEARCH) as { issues: unknown[]; total: number };
    expect(value.total).toBe(11);
    expect(value.issues).toHaveLength(11);
  });

  it('strips a byte order mark', () => {
    expect(BOM_EMPTY_OBJECT.charCodeAt(0)).toBe(0xfeff);
    expect(runDefaultConverter(BOM_EMPTY_OBJECT)).toEqual({});
  });

  it('rejects an empty body', () => {
    const error = failureOf('  \n');
    expect(error.code).toBe('INVALID_JSON');
    expect(error.message).toBe('The response body is empty, so there is no JSON to show.');
  });

  it('rejects an HTML login page', () => {
    const error = failureOf('<!DOCTYPE html><html><body>Log in</body></html>');
    expect(error.code).toBe('INVALID_JSON');
    expect(error.message).toMatch(/^The response is not valid JSON: .+\.$/);
    expect(error.hint).toMatch(/HTML or XML/);
    expect(error.details).toMatchObject({ stage: 'convert', value: '<!DOCTYPE html><html><body>Log in</body></html>' });
  });

  it('cuts the snippet of a long body', () => {
    const error = failureOf(`not json ${'x'.repeat(500)}`);
    expect(error.details.value).toHaveLength(80);
    expect(error.hint).toMatch(/returns JSON/);
  });
});
