// Bad datasource and query configuration: every case is refused on save with
// a stable code and a message that names the field or value and what to do,
// nothing is stored, and the next good save still works.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EntityDraft } from '../../src/contract/entities';
import { createBench, type Bench } from './support/bench';
import { datasourceDraft, parameter, queryDraft } from './support/drafts';
import { expectError } from './support/expect-error';

type DatasourceCase = [name: string, draft: Record<string, unknown>, code: 'VALIDATION_FAILED' | 'INVALID_REQUEST', fragment: string];

const BASE = 'https://api.example.com';
const ds = (overrides: Record<string, unknown>): Record<string, unknown> => ({ ...datasourceDraft(BASE), ...overrides });

const DATASOURCE_CASES: DatasourceCase[] = [
  ['javascript: URL', ds({ baseUrl: 'javascript:alert(1)' }), 'VALIDATION_FAILED', 'javascript'],
  ['file: URL', ds({ baseUrl: 'file:///etc/passwd' }), 'VALIDATION_FAILED', 'file'],
  ['data: URL', ds({ baseUrl: 'data:text/html,<b>x</b>' }), 'VALIDATION_FAILED', 'data'],
  ['ftp: URL', ds({ baseUrl: 'ftp://files.example.com' }), 'VALIDATION_FAILED', 'ftp'],
  ['URL without scheme', ds({ baseUrl: 'jira.example.com' }), 'VALIDATION_FAILED', 'jira.example.com'],
  ['scheme-relative URL', ds({ baseUrl: '//jira.example.com' }), 'VALIDATION_FAILED', '//jira.example.com'],
  ['https: with one slash', ds({ baseUrl: 'https:/jira.example.com' }), 'VALIDATION_FAILED', 'https:/jira.example.com'],
  ['credentials in URL', ds({ baseUrl: 'https://alice:hunter2@api.example.com' }), 'VALIDATION_FAILED', 'password'],
  ['space in URL', ds({ baseUrl: 'https://api.example.com/rest api' }), 'VALIDATION_FAILED', 'spaces'],
  ['space in host', ds({ baseUrl: 'https://api .example.com' }), 'VALIDATION_FAILED', 'spaces'],
  ['invalid IDN label', ds({ baseUrl: 'https://xn--a.example' }), 'VALIDATION_FAILED', 'xn--a.example'],
  ['IDN with forbidden code point', ds({ baseUrl: 'https://ex\u00adample\u2028.com' }), 'VALIDATION_FAILED', 'baseUrl'],
  ['query string in base URL', ds({ baseUrl: 'https://api.example.com/?token=abc' }), 'VALIDATION_FAILED', 'query string'],
  ['fragment in base URL', ds({ baseUrl: 'https://api.example.com/#x' }), 'VALIDATION_FAILED', 'fragment'],
  ['plain http not allowed', ds({ baseUrl: 'http://api.example.com' }), 'VALIDATION_FAILED', 'plain http'],
  ['empty base URL', ds({ baseUrl: '' }), 'VALIDATION_FAILED', 'baseUrl'],
  ['huge base URL', ds({ baseUrl: `https://api.example.com/${'a'.repeat(5000)}` }), 'VALIDATION_FAILED', 'baseUrl'],
  ['unknown field', ds({ proxy: 'http://evil.example' }), 'VALIDATION_FAILED', 'proxy'],
  ['timeout as string', ds({ timeoutMs: '5000' }), 'VALIDATION_FAILED', 'timeoutMs'],
  ['negative timeout', ds({ timeoutMs: -1 }), 'VALIDATION_FAILED', 'timeoutMs'],
  ['zero max response size', ds({ maxResponseBytes: 0 }), 'VALIDATION_FAILED', 'maxResponseBytes'],
  ['allowInsecureHttp as string', ds({ allowInsecureHttp: 'yes' }), 'VALIDATION_FAILED', 'allowInsecureHttp'],
  ['name with markup', ds({ name: '<img src=x onerror=alert(1)>' }), 'VALIDATION_FAILED', 'markup'],
  ['empty name', ds({ name: '' }), 'VALIDATION_FAILED', 'name'],
  ['name with line break', ds({ name: 'Jira\r\nX-Evil: 1' }), 'VALIDATION_FAILED', 'name'],
  ['huge name', ds({ name: 'n'.repeat(100_000) }), 'VALIDATION_FAILED', 'name'],
  ['huge description', ds({ description: 'd'.repeat(100_000) }), 'VALIDATION_FAILED', 'description'],
  ['name as number', ds({ name: 42 }), 'VALIDATION_FAILED', 'name'],
  ['unknown auth kind', ds({ auth: { kind: 'oauth' } }), 'VALIDATION_FAILED', 'auth'],
  ['basic without username', ds({ auth: { kind: 'basic' } }), 'VALIDATION_FAILED', 'username'],
  ['basic username with colon', ds({ auth: { kind: 'basic', username: 'a:b' } }), 'VALIDATION_FAILED', 'username'],
  ['token header without name', ds({ auth: { kind: 'token', placement: 'header' } }), 'VALIDATION_FAILED', 'headerName'],
  ['token header named Host', ds({ auth: { kind: 'token', placement: 'header', headerName: 'Host' } }), 'VALIDATION_FAILED', 'Host'],
  ['token prefix with CRLF', ds({ auth: { kind: 'token', placement: 'bearer', prefix: 'x\r\nX-Evil: 1' } }), 'VALIDATION_FAILED', 'prefix'],
  ['token expiry not a date', ds({ auth: { kind: 'token', placement: 'bearer', expiresAt: 'tomorrow' } }), 'VALIDATION_FAILED', 'tomorrow'],
  ['header name with space', ds({ headers: { 'X Bad': '1' } }), 'VALIDATION_FAILED', 'X Bad'],
  ['static Authorization header', ds({ headers: { Authorization: 'Bearer abc' } }), 'VALIDATION_FAILED', 'Authorization'],
  ['static Cookie header', ds({ headers: { Cookie: 'session=abc' } }), 'VALIDATION_FAILED', 'Cookie'],
  ['header value with CRLF', ds({ headers: { 'X-Team': 'a\r\nX-Evil: 1' } }), 'VALIDATION_FAILED', 'X-Team'],
  ['header value as number', ds({ headers: { 'X-Team': 1 } }), 'VALIDATION_FAILED', 'X-Team'],
  ['allowed host with scheme', ds({ allowedHosts: [{ host: 'https://api.example.com' }] }), 'VALIDATION_FAILED', 'https://api.example.com'],
  ['allowed host star only', ds({ allowedHosts: [{ host: '*' }] }), 'VALIDATION_FAILED', 'allowedHosts/0/host'],
  ['allowed hosts miss base URL', ds({ allowedHosts: [{ host: 'other.example.com' }] }), 'VALIDATION_FAILED', 'api.example.com'],
  ['path prefix with dot segments', ds({ allowedHosts: [{ host: 'api.example.com', pathPrefix: '/rest/../admin' }] }), 'VALIDATION_FAILED', 'pathPrefix'],
  ['absolute test path', ds({ testPath: 'https://evil.example/' }), 'VALIDATION_FAILED', 'testPath'],
  ['scheme-relative test path', ds({ testPath: '//evil.example/x' }), 'VALIDATION_FAILED', 'testPath'],
];

type QueryCase = [name: string, overrides: Record<string, unknown>, code: 'VALIDATION_FAILED' | 'INVALID_REQUEST' | 'ENTITY_NOT_FOUND', fragment: string];

const QUERY_CASES: QueryCase[] = [
  ['absolute URL', { url: 'https://evil.example/x' }, 'VALIDATION_FAILED', 'https://evil.example/x'],
  ['scheme-relative URL', { url: '//evil.example/x' }, 'VALIDATION_FAILED', '//evil.example/x'],
  ['javascript: URL', { url: 'javascript:alert(1)' }, 'VALIDATION_FAILED', 'javascript:alert(1)'],
  ['URL with backslash', { url: '/\\evil.example/x' }, 'VALIDATION_FAILED', 'url'],
  ['URL with fragment', { url: '/search#top' }, 'VALIDATION_FAILED', '#'],
  ['URL with CRLF', { url: '/search\r\nHost: evil' }, 'VALIDATION_FAILED', 'url'],
  ['cache duration in words', { cacheDuration: '5 minutes' }, 'VALIDATION_FAILED', '5 minutes'],
  ['negative cache duration', { cacheDuration: '-5m' }, 'VALIDATION_FAILED', '-5m'],
  ['method DELETE', { method: 'DELETE' }, 'VALIDATION_FAILED', 'method'],
  ['GET with a body', { body: '{"a":1}' }, 'VALIDATION_FAILED', 'body'],
  ['space key with markup', { spaces: ['<b>ENG</b>'] }, 'VALIDATION_FAILED', '<b>ENG</b>'],
  ['parameter name with digit first', { url: '/x', parameters: [parameter('1abc')] }, 'VALIDATION_FAILED', '1abc'],
  ['duplicate parameter', { url: '/x/:a', parameters: [parameter('a'), parameter('a')] }, 'VALIDATION_FAILED', 'a'],
  ['unknown parameter type', { url: '/x/:a', parameters: [parameter('a', { type: 'regex' as never })] }, 'VALIDATION_FAILED', 'type'],
  ['enum without options', { url: '/x/:a', parameters: [parameter('a', { type: 'enum' })] }, 'VALIDATION_FAILED', 'options'],
  ['integer default not a number', { url: '/x/:a', parameters: [parameter('a', { type: 'integer', default: 'abc' })] }, 'VALIDATION_FAILED', 'abc'],
  ['date default not a date', { url: '/x/:a', parameters: [parameter('a', { type: 'date', default: '2020-13-45' })] }, 'VALIDATION_FAILED', '2020-13-45'],
  ['POST body not JSON', { method: 'POST', body: '{jql: :a', url: '/x', parameters: [parameter('a')] }, 'VALIDATION_FAILED', 'body'],
  ['name with markup', { name: 'Issues <script>alert(1)</script>' }, 'VALIDATION_FAILED', 'markup'],
  ['unknown field', { sql: 'DROP TABLE' }, 'VALIDATION_FAILED', 'sql'],
  ['parameters not an array', { parameters: { a: 1 } }, 'VALIDATION_FAILED', 'parameters'],
  ['huge URL', { url: `/${'x'.repeat(10_000)}` }, 'VALIDATION_FAILED', 'url'],
];

describe('bad configuration', () => {
  let bench: Bench;
  let datasourceId: string;

  beforeAll(async () => {
    bench = await createBench();
    datasourceId = (await bench.admin('datasources/save', { draft: datasourceDraft(BASE, { name: 'Good datasource' }) })).id;
  });
  afterAll(() => bench.close());

  describe('datasource save', () => {
    it.each(DATASOURCE_CASES)('refuses %s', async (_name, draft, code, fragment) => {
      const before = (await bench.store.list('datasource')).items.length;

      const response = await bench.call('datasources/save', { draft, secrets: { token: 'config-token' } });

      expectError(response, code, fragment);
      expect((await bench.store.list('datasource')).items).toHaveLength(before);
    });

    it('never echoes a password in the URL', async () => {
      const response = await bench.call('datasources/save', { draft: ds({ baseUrl: 'https://alice:hunter2@api.example.com' }) });
      expect(JSON.stringify(response)).not.toContain('hunter2');
    });

    it.each([
      ['token with CRLF', { token: 'abc\r\nX-Evil: 1' }, 'secrets/token'],
      ['empty token', { token: '' }, 'token'],
      ['unknown secret name', { apiKey: 'abc' }, 'apiKey'],
    ])('refuses %s', async (_name, secrets, fragment) => {
      const response = await bench.call('datasources/save', { draft: ds({}), secrets });
      const error = expectError(response, response.ok ? 'VALIDATION_FAILED' : response.error.code === 'INVALID_REQUEST' ? 'INVALID_REQUEST' : 'VALIDATION_FAILED', fragment);
      expect(JSON.stringify(error)).not.toContain('abc\r\n');
    });

    it('still saves a good datasource', async () => {
      const response = await bench.call('datasources/save', { draft: datasourceDraft(BASE) });
      expect(response.ok, JSON.stringify(response)).toBe(true);
    });
  });

  describe('query save', () => {
    it.each(QUERY_CASES)('refuses %s', async (_name, overrides, code, fragment) => {
      const before = (await bench.store.list('query')).items.length;
      const draft = { ...queryDraft(datasourceId), ...overrides } as EntityDraft<'query'>;

      const response = await bench.call('queries/save', { draft });

      expectError(response, code, fragment);
      expect((await bench.store.list('query')).items).toHaveLength(before);
    });

    it.each([
      ['unknown datasource', { datasourceId: 'no-such-datasource' }, 'no-such-datasource'],
      ['unknown converter', { converterId: 'no-such-converter' }, 'no-such-converter'],
      ['unknown template', { templateId: 'no-such-template' }, 'no-such-template'],
    ])('refuses %s', async (_name, overrides, fragment) => {
      const response = await bench.call('queries/save', { draft: { ...queryDraft(datasourceId), ...overrides } });
      expect(response.ok).toBe(false);
      if (!response.ok) expect(['VALIDATION_FAILED', 'ENTITY_NOT_FOUND']).toContain(response.error.code);
      expectError(response, response.ok ? 'VALIDATION_FAILED' : response.error.code, fragment);
    });

    it.each([
      ['draft as string', { draft: 'query' }],
      ['draft of another kind', { draft: { ...datasourceDraft(BASE) } }],
      ['forged id with slash', { draft: { ...queryDraft('x'), id: '../datasource/1' } }],
      ['negative base version', { draft: queryDraft('x'), baseVersion: -1 }],
      ['extra payload field', { draft: queryDraft('x'), admin: true }],
    ])('refuses payload %s', async (_name, payload) => {
      const response = await bench.call('queries/save', payload);
      expectError(response, 'INVALID_REQUEST');
    });

    it('still saves a good query', async () => {
      const response = await bench.call('queries/save', { draft: queryDraft(datasourceId) });
      expect(response.ok, JSON.stringify(response)).toBe(true);
    });
  });
});
