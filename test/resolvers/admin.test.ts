// Admin resolvers through the Forge handler: envelopes, validation, versions,
// secrets kept out of every response, and the converter and template
// previews on the real sandbox and renderer.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { MemoryStore } from '../../src/core/store/memory-store';
import { createDefinitions } from '../../src/resolvers/definitions';
import { ADMIN, createBench, type Bench } from './harness';
import { sampleConverterDraft, sampleDatasourceDraft, sampleQueryDraft, sampleTemplateDraft } from './samples';

const SECRET = 'tok-7c1f-distinctive-secret-value';

describe('admin resolvers', () => {
  let bench: Bench;

  beforeEach(async () => {
    bench = await createBench();
  });
  afterEach(() => bench.close());

  async function saveDatasource(): Promise<string> {
    const saved = await bench.admin('datasources/save', {
      draft: sampleDatasourceDraft('https://jira.example.com'),
      secrets: { token: SECRET },
    });
    return saved.id;
  }

  describe('datasources', () => {
    it('saves and reads back without the secret', async () => {
      const id = await saveDatasource();
      const view = await bench.call('datasources/get', { id });
      expect(view.ok).toBe(true);
      expect(JSON.stringify(view)).not.toContain(SECRET);
      if (view.ok) expect(view.data.secrets).toEqual({ password: { configured: false }, token: { configured: true } });
    });

    it('keeps the secret in the secret store only', async () => {
      const id = await saveDatasource();
      expect(await bench.secrets.get(`secret:${id}:token`)).toBe(SECRET);
      expect(JSON.stringify(await bench.store.list('datasource'))).not.toContain(SECRET);
    });

    it('lists summaries', async () => {
      const id = await saveDatasource();
      const list = await bench.admin('datasources/list', {});
      expect(list.items).toEqual([expect.objectContaining({ id, kind: 'datasource', name: 'Issue tracker', version: 1, usedBy: [] })]);
    });

    it('records the caller as updatedBy', async () => {
      const id = await saveDatasource();
      expect((await bench.admin('datasources/get', { id })).updatedBy).toBe(ADMIN);
    });

    it('refuses a stale version', async () => {
      const id = await saveDatasource();
      const draft = { ...sampleDatasourceDraft('https://jira.example.com'), id, name: 'Renamed' };
      await bench.admin('datasources/save', { draft, baseVersion: 1 });
      const stale = await bench.call('datasources/save', { draft: { ...draft, name: 'Stale' }, baseVersion: 1 });
      expect(stale.ok || stale.error.code).toBe('CONFLICT');
      expect((await bench.admin('datasources/get', { id })).name).toBe('Renamed');
    });

    it('refuses deleting a datasource in use', async () => {
      const id = await saveDatasource();
      await bench.admin('queries/save', { draft: sampleQueryDraft(id) });
      const response = await bench.call('datasources/delete', { id });
      expect(response.ok || response.error.code).toBe('IN_USE');
    });

    it('reports a missing entity', async () => {
      const response = await bench.call('datasources/get', { id: 'no-such-id' });
      expect(response).toMatchObject({ ok: false, error: { code: 'ENTITY_NOT_FOUND' } });
    });
  });

  describe('payload validation', () => {
    it('names an unknown field', async () => {
      const response = await bench.call('datasources/get', { id: 'x', extra: 1 });
      expect(response).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST', message: 'Invalid request for datasources/get: /extra: unknown field.', details: { field: '/extra' } },
      });
    });

    it('rejects a draft of the wrong kind', async () => {
      const response = await bench.call('queries/save', { draft: sampleTemplateDraft() });
      expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { field: '/draft/kind' } } });
    });

    it('rejects an id that is not an entity id', async () => {
      const response = await bench.call('queries/get', { id: '../rec:datasource:x' });
      expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { field: '/id' } } });
    });

    it('rejects a payload that is not an object', async () => {
      const response = await bench.call('queries/list', 'list everything');
      expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    });

    it('passes entity problems through as VALIDATION_FAILED', async () => {
      const response = await bench.call('datasources/save', { draft: sampleDatasourceDraft('javascript:alert(1)') });
      expect(response).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { field: 'baseUrl' } } });
    });
  });

  describe('converters/test', () => {
    it('runs the source on the sample', async () => {
      const response = await bench.admin('converters/test', {
        source: 'function convert(json) { return JSON.parse(json).map(function (n) { return { n: n * 2 }; }); }',
        sampleInput: '[1, 2, 3]',
      });
      expect(response.output).toEqual([{ n: 2 }, { n: 4 }, { n: 6 }]);
      expect(['isolated-vm', 'quickjs']).toContain(response.engine);
    });

    it('reports a throwing converter with its code', async () => {
      const response = await bench.call('converters/test', { source: 'function convert() { throw new Error("bad row"); }', sampleInput: '{}' });
      expect(response).toMatchObject({ ok: false, error: { code: 'CONVERTER_ERROR' } });
    });
  });

  describe('templates/preview', () => {
    it('renders unsaved source with escaping', async () => {
      const response = await bench.admin('templates/preview', {
        source: '#foreach($row in $result)<b>$row.name</b>#end',
        data: [{ name: '<img src=x onerror=alert(1)>' }],
      });
      expect(response.html).toBe('<b>&lt;img src=x onerror=alert(1)&gt;</b>');
      expect(response.engine).toBe('none');
    });

    it('includes saved templates', async () => {
      await bench.admin('templates/save', { draft: { ...sampleTemplateDraft('<i>included</i>'), name: 'Footer' } });
      const response = await bench.admin('templates/preview', { source: 'main $PQ.templateByName("Footer")', data: [{ a: 1 }] });
      expect(response.html).toContain('<i>included</i>');
    });

    it('reports a syntax error with its code', async () => {
      const response = await bench.call('templates/preview', { source: '#foreach($row in $result)', data: [{ a: 1 }] });
      expect(response).toMatchObject({ ok: false, error: { code: 'TEMPLATE_SYNTAX' } });
    });
  });

  it('saves converters and templates and lists them', async () => {
    await bench.admin('converters/save', { draft: sampleConverterDraft() });
    await bench.admin('templates/save', { draft: sampleTemplateDraft() });
    expect((await bench.admin('converters/list', {})).items).toHaveLength(1);
    expect((await bench.admin('templates/list', {})).items).toHaveLength(1);
  });
});

describe('unexpected errors', () => {
  class BrokenStore extends MemoryStore {
    override async list(): Promise<never> {
      throw new Error('disk on fire: password=hunter2 at https://user:pw@db.internal');
    }
  }

  it('returns a generic INTERNAL_ERROR and logs the ids', async () => {
    const lines: unknown[] = [];
    const logger = { info() {}, warn() {}, error: (event: string, fields: unknown) => lines.push({ event, fields }) };
    const definitions = createDefinitions(() => ({
      store: new BrokenStore(),
      secrets: { get: async () => undefined, set: async () => {}, delete: async () => {} },
      fetch: async () => {
        throw new Error('no network in this test');
      },
      clock: { now: () => Date.now() },
      logger,
      network: { privateHostsAllowed: [] },
      confluence: { isAdmin: async () => true, getPage: async () => undefined },
      converterRuntime: async () => {
        throw new Error('not used');
      },
      siteId: 'site-1',
    }));

    const response = await definitions['macro/queries']({ payload: {}, context: { trusted: { accountId: 'a-1' }, hints: {} } });
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.code).toBe('INTERNAL_ERROR');
    expect(response.error.message).toMatch(/^Something went wrong in the app \(reference [0-9a-f-]{36}\)\.$/);
    expect(JSON.stringify(response)).not.toContain('disk on fire');

    const reference = /reference ([0-9a-f-]{36})/.exec(response.error.message)?.[1];
    expect(lines).toEqual([
      {
        event: 'resolver.unexpected_error',
        fields: {
          key: 'macro/queries',
          requestId: reference,
          siteId: 'site-1',
          accountId: 'a-1',
          errorName: 'Error',
          errorMessage: 'disk on fire: password=*** at https://***:***@db.internal',
        },
      },
    ]);
  });
});
