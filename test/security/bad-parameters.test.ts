// Bad parameter values through macro/run, as a page viewer sends them: values
// of the wrong type or form are refused with the parameter, the value and the
// expected form, and hostile text that is a valid string is encoded so it
// stays inside its position. The upstream server records what arrived.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { ParameterDefinition } from '../../src/contract/entities';
import type { ErrorCode } from '../../src/contract/errors';
import { PAGES, VIEWER, createBench, type Bench } from './support/bench';
import { datasourceDraft, parameter, queryDraft } from './support/drafts';
import { startEchoServer, type EchoServer } from './support/echo-server';
import { expectError } from './support/expect-error';

const editable = (name: string, overrides: Partial<ParameterDefinition> = {}) => parameter(name, { viewerEditable: true, ...overrides });

const PARAMETERS: ParameterDefinition[] = [
  editable('segment', { default: 'ABC' }),
  editable('project', { default: 'ABC' }),
  editable('max', { type: 'integer', default: '10' }),
  editable('ratio', { type: 'number', default: '0.5' }),
  editable('flag', { type: 'boolean', default: 'true' }),
  editable('day', { type: 'date', default: '2024-01-31' }),
  editable('color', { type: 'enum', options: ['red', 'green'], default: 'red' }),
  editable('ids', { type: 'list', default: '1,2' }),
  parameter('locked', { default: 'fixed' }),
];

const URL_TEMPLATE = '/items/:segment?jql=project%3D:project&max=:max&ratio=:ratio&flag=:flag&day=:day&color=:color&ids=:ids&locked=:locked';

type RefusedCase = [name: string, values: Record<string, string>, code: ErrorCode, fragment: string];

const REFUSED: RefusedCase[] = [
  ['integer as word', { max: 'ten' }, 'PARAMETER_INVALID', '"ten"'],
  ['integer with fraction', { max: '1.5' }, 'PARAMETER_INVALID', '"1.5"'],
  ['integer beyond 2^53', { max: '9007199254740993' }, 'PARAMETER_INVALID', '9007199254740993'],
  ['integer with SQL', { max: '1 OR 1=1' }, 'PARAMETER_INVALID', '1 OR 1=1'],
  ['integer in hex', { max: '0x10' }, 'PARAMETER_INVALID', '0x10'],
  ['number NaN', { ratio: 'NaN' }, 'PARAMETER_INVALID', 'NaN'],
  ['number Infinity', { ratio: 'Infinity' }, 'PARAMETER_INVALID', 'Infinity'],
  ['number with comma', { ratio: '0,5' }, 'PARAMETER_INVALID', '0,5'],
  ['boolean yes', { flag: 'yes' }, 'PARAMETER_INVALID', 'yes'],
  ['date February 30', { day: '2024-02-30' }, 'PARAMETER_INVALID', '2024-02-30'],
  ['date month 13', { day: '2024-13-01' }, 'PARAMETER_INVALID', '2024-13-01'],
  ['date in words', { day: 'tomorrow' }, 'PARAMETER_INVALID', 'tomorrow'],
  ['enum outside options', { color: 'purple' }, 'PARAMETER_INVALID', 'purple'],
  ['enum case changed', { color: 'RED' }, 'PARAMETER_INVALID', 'RED'],
  ['path traversal ..', { segment: '..' }, 'PARAMETER_INVALID', '".."'],
  ['path segment .', { segment: '.' }, 'PARAMETER_INVALID', '"."'],
  ['empty path segment', { segment: '' }, 'PARAMETER_MISSING', 'segment'],
  ['CRLF in value', { project: 'ABC\r\nX-Injected: 1' }, 'PARAMETER_INVALID', 'line breaks'],
  ['null byte', { project: 'ABC\u0000' }, 'PARAMETER_INVALID', 'NUL'],
  ['tab in value', { project: 'A\tB' }, 'PARAMETER_INVALID', 'project'],
  ['lone surrogate', { project: 'A\ud800B' }, 'PARAMETER_INVALID', 'project'],
  ['over-long value', { project: 'x'.repeat(3000) }, 'PARAMETER_INVALID', '3000'],
  ['unknown parameter', { admin: 'true' }, 'PARAMETER_INVALID', 'admin'],
  ['prototype key', JSON.parse('{"__proto__": "x"}') as Record<string, string>, 'PARAMETER_INVALID', '__proto__'],
  ['constructor key', { constructor: 'x' }, 'PARAMETER_INVALID', 'constructor'],
  ['not viewer-editable', { locked: 'changed' }, 'PARAMETER_NOT_EDITABLE', 'locked'],
];

type EncodedCase = [name: string, values: Record<string, string>, check: (url: URL, raw: string) => void];

const ENCODED: EncodedCase[] = [
  ['& adds no query parameter', { project: 'ABC&admin=1' }, (url) => {
    expect(url.searchParams.get('jql')).toBe('project=ABC&admin=1');
    expect(url.searchParams.has('admin')).toBe(false);
  }],
  ['# cuts nothing off', { project: 'ABC#frag' }, (url) => {
    expect(url.searchParams.get('jql')).toBe('project=ABC#frag');
    expect(url.searchParams.get('locked')).toBe('fixed');
  }],
  ['? starts no new query', { segment: 'a?admin=1' }, (url, raw) => {
    expect(raw.startsWith('/items/a%3Fadmin%3D1?')).toBe(true);
    expect(url.searchParams.has('admin')).toBe(false);
  }],
  ['slash stays in its segment', { segment: '../../admin' }, (_url, raw) => {
    expect(raw.startsWith('/items/..%2F..%2Fadmin?')).toBe(true);
  }],
  ['encoded slash is not decoded', { segment: '%2F..%2Fadmin' }, (_url, raw) => {
    expect(raw.startsWith('/items/%252F..%252Fadmin?')).toBe(true);
  }],
  ['JQL quote stays one value', { project: 'ABC" OR project = "SECRET' }, (url) => {
    expect(url.searchParams.getAll('jql')).toEqual(['project=ABC" OR project = "SECRET']);
  }],
  ['unicode is percent-encoded', { project: 'Zürich ✓' }, (url, raw) => {
    expect(url.searchParams.get('jql')).toBe('project=Zürich ✓');
    expect(raw).toContain('Z%C3%BCrich%20%E2%9C%93');
  }],
  ['list items stay in place', { ids: '1,2&x=3' }, (url) => {
    expect(url.searchParams.get('ids')).toBe('1,2&x=3');
    expect(url.searchParams.has('x')).toBe(false);
  }],
];

describe('bad parameter values', () => {
  let bench: Bench;
  let upstream: EchoServer;
  let queryId: string;
  let bodyQueryId: string;

  beforeAll(async () => {
    upstream = await startEchoServer();
    bench = await createBench({ privateHostsAllowed: [`127.0.0.1:${upstream.port}`] });
    const datasource = await bench.admin('datasources/save', { draft: datasourceDraft(upstream.url), secrets: { token: 'parameter-token' } });
    queryId = (await bench.admin('queries/save', { draft: queryDraft(datasource.id, { url: URL_TEMPLATE, parameters: PARAMETERS }) })).id;
    bodyQueryId = (
      await bench.admin('queries/save', {
        draft: queryDraft(datasource.id, { method: 'POST', url: '/search', body: '{"jql": "project = :project", "max": :max}', parameters: [editable('project', { default: 'A' }), editable('max', { type: 'integer', default: '1' })] }),
      })
    ).id;
  });
  afterAll(async () => {
    await bench.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.requests.length = 0;
  });

  const runAsViewer = (values: Record<string, string>, id = queryId) =>
    bench.call('macro/run', { config: { queryId: id, parameters: {} }, viewerParameters: values }, { accountId: VIEWER, pageId: PAGES.eng.id });

  it.each(REFUSED)('refuses %s', async (_name, values, code, fragment) => {
    const response = await runAsViewer(values);

    expectError(response, code, fragment);
    expect(upstream.requests).toEqual([]);
  });

  it('refuses a forged author value', async () => {
    const response = await bench.call('macro/run', { config: { queryId, parameters: { max: '1; DROP TABLE' } } }, { accountId: VIEWER, pageId: PAGES.eng.id });
    expectError(response, 'PARAMETER_INVALID', '1; DROP TABLE');
    expect(upstream.requests).toEqual([]);
  });

  it('answers a good request after refusals', async () => {
    const response = await runAsViewer({ project: 'XYZ' });
    expect(response.ok, JSON.stringify(response)).toBe(true);
    expect(upstream.requests).toHaveLength(1);
  });

  it.each(ENCODED)('encodes: %s', async (_name, values, check) => {
    const response = await runAsViewer(values);

    expect(response.ok, JSON.stringify(response)).toBe(true);
    expect(upstream.requests).toHaveLength(1);
    const raw = upstream.requests[0]!.url;
    check(new URL(raw, 'https://127.0.0.1'), raw);
  });

  it('keeps a JSON body value inside its string', async () => {
    const hostile = '", "admin": true, "x": "';
    const response = await runAsViewer({ project: hostile }, bodyQueryId);

    expect(response.ok, JSON.stringify(response)).toBe(true);
    expect(JSON.parse(upstream.requests[0]!.body)).toEqual({ jql: `project = ${hostile}`, max: 1 });
  });

  it('refuses a JSON value that is not a number', async () => {
    const response = await runAsViewer({ max: '1, "admin": true' }, bodyQueryId);
    expectError(response, 'PARAMETER_INVALID', 'max');
    expect(upstream.requests).toEqual([]);
  });
});
