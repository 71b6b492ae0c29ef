import { describe, expect, it } from 'vitest';
import type { ParameterDefinition } from '../../../src/contract/entities';
import { buildRequest, type QueryShape } from '../../../src/core/params';
import type { ExecutionContext } from '../../../src/core/ports';
import { AppError } from '../../../src/errors/app-error';
import { ManualClock } from '../../support/manual-clock';

const clock = new ManualClock(Date.UTC(2026, 2, 31, 23, 30));

const context: ExecutionContext = {
  accountId: '557058:f00d',
  spaceKey: 'ENG',
  spaceId: '98305',
  pageId: '123456',
  pageTitle: 'Release notes / Q1 & "beta"',
  locale: 'en-US',
  timeZone: 'Europe/Berlin',
  siteId: 'site-1',
};

function parameter(name: string, overrides: Partial<ParameterDefinition> = {}): ParameterDefinition {
  return { name, type: 'string', required: true, description: '', viewerEditable: false, ...overrides };
}

function query(url: string, parameters: ParameterDefinition[] = [], body?: string): QueryShape {
  return body === undefined ? { method: 'GET', url, parameters } : { method: 'POST', url, body, parameters };
}

function buildError(shape: QueryShape, values: Record<string, string>, runContext = context): AppError {
  try {
    buildRequest(shape, values, runContext, clock);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected buildRequest to throw');
}

describe('buildRequest', () => {
  describe('query-string values', () => {
    const shape = query('/rest/api/2/search?jql=project%3D:project&maxResults=10', [parameter('project')]);

    it.each([
      ['plain', 'SLING', '/rest/api/2/search?jql=project%3DSLING&maxResults=10'],
      ['ampersand adds no parameter', 'A&maxResults=9999', '/rest/api/2/search?jql=project%3DA%26maxResults%3D9999&maxResults=10'],
      ['hash cannot start a fragment', 'A#frag', '/rest/api/2/search?jql=project%3DA%23frag&maxResults=10'],
      ['question mark stays data', 'A?x=1', '/rest/api/2/search?jql=project%3DA%3Fx%3D1&maxResults=10'],
      ['plus and space', 'a+b c', '/rest/api/2/search?jql=project%3Da%2Bb%20c&maxResults=10'],
      ['percent is encoded again', '%26', '/rest/api/2/search?jql=project%3D%2526&maxResults=10'],
      ['slash is encoded', '../../admin', '/rest/api/2/search?jql=project%3D..%2F..%2Fadmin&maxResults=10'],
      ['JQL quote', 'X" OR project = "Y', '/rest/api/2/search?jql=project%3DX%22%20OR%20project%20%3D%20%22Y&maxResults=10'],
      ['unicode', '할 일', '/rest/api/2/search?jql=project%3D%ED%95%A0%20%EC%9D%BC&maxResults=10'],
      ['host-like value', '@evil.example.com', '/rest/api/2/search?jql=project%3D%40evil.example.com&maxResults=10'],
    ])('encodes %s', (_case, value, expected) => {
      expect(buildRequest(shape, { project: value }, context, clock).path).toBe(expected);
    });
  });

  describe('path segments', () => {
    const shape = query('/rest/api/2/project/:key/versions', [parameter('key')]);

    it.each([
      ['plain', 'SLING', '/rest/api/2/project/SLING/versions'],
      ['slash', 'a/b', '/rest/api/2/project/a%2Fb/versions'],
      ['backslash', 'a\\b', '/rest/api/2/project/a%5Cb/versions'],
      ['query start', 'x?admin=1', '/rest/api/2/project/x%3Fadmin%3D1/versions'],
      ['encoded traversal', '%2e%2e', '/rest/api/2/project/%252e%252e/versions'],
      ['dots inside a name', 'v1.2..3', '/rest/api/2/project/v1.2..3/versions'],
      ['authority trick', '@evil.example.com:443', '/rest/api/2/project/%40evil.example.com%3A443/versions'],
    ])('encodes %s', (_case, value, expected) => {
      expect(buildRequest(shape, { key: value }, context, clock).path).toBe(expected);
    });

    it.each(['.', '..'])('rejects the dot segment %s', (value) => {
      const error = buildError(shape, { key: value });
      expect(error.code).toBe('PARAMETER_INVALID');
      expect(error.message).toBe(`Parameter "key" has the value "${value}", which would move up or stay in the URL path.`);
    });

    it('rejects an empty path value', () => {
      const error = buildError(shape, { key: '' });
      expect(error.code).toBe('PARAMETER_MISSING');
      expect(error.message).toBe('Parameter "key" needs a value. It is part of the URL path, so it cannot be empty.');
    });
  });

  describe('hostile values', () => {
    const shape = query('/search?q=:q', [parameter('q')]);

    it.each([
      ['CRLF', 'a\r\nX-Injected: 1'],
      ['NUL byte', 'a\u0000b'],
      ['tab', 'a\tb'],
    ])('rejects %s', (_case, value) => {
      const error = buildError(shape, { q: value });
      expect(error.code).toBe('PARAMETER_INVALID');
      expect(error.details.field).toBe('q');
      expect(error.message).toContain('must be text without control characters');
    });

    it('rejects an over-long value', () => {
      const error = buildError(shape, { q: 'x'.repeat(2001) });
      expect(error.code).toBe('PARAMETER_INVALID');
      expect(error.message).toContain('at most 2000 characters long (it has 2001)');
    });

    it('rejects an unpaired surrogate', () => {
      const error = buildError(shape, { q: 'a\uD800b' });
      expect(error.code).toBe('PARAMETER_INVALID');
      expect(error.message).toContain('unpaired UTF-16 surrogate');
    });
  });

  describe('quoted positions', () => {
    it('escapes quotes inside a quoted JQL value', () => {
      const shape = query('/search?jql=project%20%3D%20%22:project%22', [parameter('project')]);
      const built = buildRequest(shape, { project: 'X" OR project = "Y' }, context, clock);
      expect(built.path).toBe('/search?jql=project%20%3D%20%22X%5C%22%20OR%20project%20%3D%20%5C%22Y%22');
      expect(decodeURIComponent(built.path.split('jql=')[1] ?? '')).toBe('project = "X\\" OR project = \\"Y"');
    });

    it('escapes backslashes inside literal quotes', () => {
      const shape = query('/search?jql=summary~":term"', [parameter('term')]);
      const built = buildRequest(shape, { term: 'a\\"b' }, context, clock);
      expect(decodeURIComponent(built.path.split('jql=')[1] ?? '')).toBe('summary~"a\\\\\\"b"');
    });
  });

  describe('typed values', () => {
    const shape = query('/items?n=:n&x=:x&flag=:flag&day=:day&state=:state&labels=:labels', [
      parameter('n', { type: 'integer' }),
      parameter('x', { type: 'number' }),
      parameter('flag', { type: 'boolean' }),
      parameter('day', { type: 'date' }),
      parameter('state', { type: 'enum', options: ['open', 'closed'] }),
      parameter('labels', { type: 'list' }),
    ]);
    const valid = { n: '042', x: '2.50', flag: 'TRUE', day: '2024-02-29', state: 'open', labels: 'a b, c&d ,,e' };

    it('normalizes valid values', () => {
      const built = buildRequest(shape, valid, context, clock);
      expect(built.path).toBe('/items?n=42&x=2.5&flag=true&day=2024-02-29&state=open&labels=a%20b,c%26d,e');
      expect(built.values).toEqual({ n: '42', x: '2.5', flag: 'true', day: '2024-02-29', state: 'open', labels: 'a b,c&d,e' });
      expect(built.originalValues).toEqual(valid);
    });

    it.each([
      ['n', '4.2', 'Parameter "n" has the value "4.2", but it must be a whole number such as 42 or -7 (between -9007199254740991 and 9007199254740991).'],
      ['n', '9007199254740993', 'Parameter "n" has the value "9007199254740993", but it must be a whole number such as 42 or -7 (between -9007199254740991 and 9007199254740991).'],
      ['x', '1,5', 'Parameter "x" has the value "1,5", but it must be a number such as 3.5 or -12, written with a dot as decimal separator.'],
      ['x', 'NaN', 'Parameter "x" has the value "NaN", but it must be a number such as 3.5 or -12, written with a dot as decimal separator.'],
      ['flag', 'yes', 'Parameter "flag" has the value "yes", but it must be true or false.'],
      ['day', '2023-02-29', 'Parameter "day" has the value "2023-02-29", but it must be a date written YYYY-MM-DD, such as 2026-03-31.'],
      ['day', '31/03/2026', 'Parameter "day" has the value "31/03/2026", but it must be a date written YYYY-MM-DD, such as 2026-03-31.'],
      ['state', 'Open', 'Parameter "state" has the value "Open", but it must be one of "open", "closed".'],
    ])('rejects %s = %s', (name, value, message) => {
      const error = buildError(shape, { ...valid, [name]: value });
      expect(error.code).toBe('PARAMETER_INVALID');
      expect(error.message).toBe(message);
      expect(error.details.field).toBe(name);
      expect(error.details.value).toBe(value);
    });

    it('reports every bad parameter', () => {
      const error = buildError(shape, { ...valid, n: 'x', flag: 'maybe' });
      expect(error.details.problems?.map((problem) => problem.field)).toEqual(['n', 'flag']);
      expect(error.message).toContain('(1 more parameter problem)');
    });
  });

  describe('defaults and missing values', () => {
    const shape = query('/search?project=:project&max=:max&q=:q', [
      parameter('project', { default: 'SLING' }),
      parameter('max', { type: 'integer', required: false }),
      parameter('q', { required: true }),
    ]);

    it('applies defaults and leaves optional values empty', () => {
      const built = buildRequest(shape, { q: 'x' }, context, clock);
      expect(built.path).toBe('/search?project=SLING&max=&q=x');
      expect(built.values).toEqual({ project: 'SLING', max: '', q: 'x' });
    });

    it('reports a missing required value', () => {
      const error = buildError(shape, {});
      expect(error.code).toBe('PARAMETER_MISSING');
      expect(error.message).toBe('Parameter "q" needs a value.');
      expect(error.hint).toBe('Enter a value for "q" in the macro, or give the parameter a default in the query.');
    });

    it('treats an undefined parameter as required text', () => {
      const error = buildError(query('/x?a=:undefinedName'), {});
      expect(error.code).toBe('PARAMETER_MISSING');
      expect(error.message).toBe('Parameter "undefinedName" needs a value.');
      expect(error.hint).toBe('Enter a value for "undefinedName" in the macro, or define ":undefinedName" with a default in the query\'s parameters.');
      expect(buildRequest(query('/x?a=:undefinedName'), { undefinedName: 'v w' }, context, clock).path).toBe('/x?a=v%20w');
    });
  });

  describe('wildcards', () => {
    it('fills context values under @ keys', () => {
      const shape = query('/space/:@space.key/content?page=:@page.id&title=:@page.title&user=:@user.accountId&day=:@date.today&sid=:@space.id');
      const built = buildRequest(shape, {}, context, clock);
      expect(built.path).toBe(
        '/space/ENG/content?page=123456&title=Release%20notes%20%2F%20Q1%20%26%20%22beta%22&user=557058%3Af00d&day=2026-04-01&sid=98305',
      );
      expect(built.values).toEqual({
        '@space.key': 'ENG',
        '@page.id': '123456',
        '@page.title': 'Release notes / Q1 & "beta"',
        '@user.accountId': '557058:f00d',
        '@date.today': '2026-04-01',
        '@space.id': '98305',
      });
    });

    it('ignores caller values for wildcards', () => {
      const built = buildRequest(query('/p/:@page.id'), { '@page.id': 'forged' }, context, clock);
      expect(built.path).toBe('/p/123456');
    });

    it('reports a wildcard without a value', () => {
      const error = buildError(query('/p/:@page.id'), {}, { ...context, pageId: undefined });
      expect(error.code).toBe('PARAMETER_MISSING');
      expect(error.message).toBe('The wildcard ":@page.id" has no value here because the query runs outside a page, so there is no page or space.');
    });

    it('reports an unknown wildcard', () => {
      const error = buildError(query('/p/:@page.owner'), {});
      expect(error.code).toBe('PARAMETER_INVALID');
      expect(error.message).toBe('The wildcard ":@page.owner" does not exist.');
    });

    it('computes today in the context time zone', () => {
      const built = buildRequest(query('/d?day=:@date.today'), {}, { ...context, timeZone: 'America/Los_Angeles' }, clock);
      expect(built.values['@date.today']).toBe('2026-03-31');
    });
  });

  describe('JSON bodies', () => {
    const definitions = [
      parameter('jql'),
      parameter('max', { type: 'integer' }),
      parameter('exact', { type: 'boolean' }),
      parameter('labels', { type: 'list' }),
      parameter('note', { required: false }),
    ];
    const body = '{"jql": "project = \\":jql\\" AND text ~ :jql", "maxResults": :max, "exact": :exact, "labels": :labels, "note": :note, "time": "10:30"}';

    it('encodes values as JSON, never as spliced text', () => {
      const built = buildRequest(query('/rest/api/2/search', definitions, body), { jql: 'A", "evil": "1', max: '5', exact: 'false', labels: 'x,"y"' }, context, clock);
      expect(built.body).toBeDefined();
      expect(JSON.parse(built.body ?? '')).toEqual({
        jql: 'project = "A\\", \\"evil\\": \\"1" AND text ~ A", "evil": "1',
        maxResults: 5,
        exact: false,
        labels: ['x', '"y"'],
        note: null,
        time: '10:30',
      });
    });

    it('leaves GET queries without a body', () => {
      const built = buildRequest({ method: 'GET', url: '/x', body: '{"a": 1}', parameters: [] }, {}, context, clock);
      expect(built.body).toBeUndefined();
    });
  });
});
