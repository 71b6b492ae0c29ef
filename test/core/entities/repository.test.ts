import { beforeEach, describe, expect, it } from 'vitest';
import type { EntityDraft } from '../../../src/contract/entities';
import { EntityRepository, secretKey } from '../../../src/core/entities';
import { MemorySecretStore, MemoryStore } from '../../../src/core/store/memory-store';
import { AppError } from '../../../src/errors/app-error';
import { ManualClock } from '../../support/manual-clock';

const TOKEN = 'glpat-Zx81_secret_token';

function datasourceDraft(overrides: Partial<EntityDraft<'datasource'>> = {}): EntityDraft<'datasource'> {
  return {
    kind: 'datasource',
    name: 'Apache Jira',
    description: 'issues.apache.org',
    baseUrl: 'https://issues.apache.org/jira',
    auth: { kind: 'token', placement: 'bearer' },
    headers: {},
    allowedHosts: [],
    testPath: '/rest/api/2/serverInfo',
    timeoutMs: 10_000,
    maxResponseBytes: 5 * 1024 * 1024,
    allowInsecureHttp: false,
    ...overrides,
  };
}

function queryDraft(datasourceId: string, overrides: Partial<EntityDraft<'query'>> = {}): EntityDraft<'query'> {
  return {
    kind: 'query',
    name: 'Sling issues',
    description: '',
    datasourceId,
    method: 'GET',
    url: '/rest/api/2/search?jql=project%3D:project',
    parameters: [{ name: 'project', type: 'string', required: true, description: '', viewerEditable: true, default: 'SLING' }],
    cacheDuration: '15m',
    spaces: [],
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('EntityRepository', () => {
  let store: MemoryStore;
  let secrets: MemorySecretStore;
  let clock: ManualClock;
  let repository: EntityRepository;
  let ids: number;

  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 4, 1, 12));
    store = new MemoryStore({ clock });
    secrets = new MemorySecretStore();
    ids = 0;
    repository = new EntityRepository({ store, secrets, clock, newId: () => `id-${++ids}` });
  });

  async function allStoredText(): Promise<string> {
    const kinds = ['datasource', 'query', 'converter', 'template', 'meta'] as const;
    const pages = await Promise.all(kinds.map((kind) => store.list(kind)));
    return JSON.stringify(pages);
  }

  describe('datasource secrets', () => {
    it('splits the secret off the record', async () => {
      const saved = await repository.save('datasource', datasourceDraft(), { secrets: { token: TOKEN }, accountId: 'acc-1' });
      expect(saved).toEqual({ id: 'id-1', version: 1, warnings: [] });
      expect(await secrets.get(secretKey('id-1', 'token'))).toBe(TOKEN);
      expect(await allStoredText()).not.toContain(TOKEN);

      const record = await store.get('datasource', 'id-1');
      expect(record?.value).toEqual({
        ...datasourceDraft(),
        id: 'id-1',
        schemaVersion: 1,
        updatedAt: '2026-05-01T12:00:00.000Z',
        updatedBy: 'acc-1',
      });
    });

    it('reports secrets as configured, never by value', async () => {
      await repository.save('datasource', datasourceDraft(), { secrets: { token: TOKEN } });
      const view = await repository.getDatasourceView('id-1');
      expect(view.secrets).toEqual({ password: { configured: false }, token: { configured: true } });
      expect(JSON.stringify(view)).not.toContain(TOKEN);
    });

    it('keeps the secret when saving other fields', async () => {
      await repository.save('datasource', datasourceDraft(), { secrets: { token: TOKEN } });
      await repository.save('datasource', { ...datasourceDraft({ description: 'changed' }), id: 'id-1' }, { baseVersion: 1 });
      expect(await repository.readSecret('id-1', 'token')).toBe(TOKEN);
    });

    it('replaces the secret explicitly', async () => {
      await repository.save('datasource', datasourceDraft(), { secrets: { token: TOKEN } });
      await repository.save('datasource', { ...datasourceDraft(), id: 'id-1' }, { baseVersion: 1, secrets: { token: 'new-token-value' } });
      expect(await repository.readSecret('id-1', 'token')).toBe('new-token-value');
    });

    it('deletes the secret on null', async () => {
      await repository.save('datasource', datasourceDraft(), { secrets: { token: TOKEN } });
      const saved = await repository.save('datasource', { ...datasourceDraft(), id: 'id-1' }, { baseVersion: 1, secrets: { token: null } });
      expect(await repository.readSecret('id-1', 'token')).toBeUndefined();
      expect(saved.warnings).toEqual(['No token is stored for this datasource yet. Requests fail with SECRET_MISSING until you enter one.']);
    });

    it('drops secrets the new auth kind does not use', async () => {
      await repository.save('datasource', datasourceDraft(), { secrets: { token: TOKEN } });
      await repository.save('datasource', { ...datasourceDraft({ auth: { kind: 'basic', username: 'bot' } }), id: 'id-1' }, { baseVersion: 1, secrets: { password: 'pw-123456' } });
      expect(await repository.readSecret('id-1', 'token')).toBeUndefined();
      expect(await repository.readSecret('id-1', 'password')).toBe('pw-123456');
    });

    it('warns about passwords', async () => {
      const saved = await repository.save('datasource', datasourceDraft({ auth: { kind: 'basic', username: 'bot' } }), { secrets: { password: 'pw-123456' } });
      expect(saved.warnings).toEqual([
        'HTTP Basic sends a password with every request. If the API supports API tokens, use one instead: it can be scoped and revoked.',
      ]);
    });

    it('rejects a secret with a line break', async () => {
      const error = await failure(repository.save('datasource', datasourceDraft(), { secrets: { token: 'abc\r\nX-Evil: 1' } }));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.problems).toEqual([{ field: 'secrets/token', message: 'secrets/token contains a line break or another control character. Paste the token again without it.' }]);
      expect(secrets.size).toBe(0);
    });

    it('rejects secrets on other kinds', async () => {
      const error = await failure(repository.save('template', { kind: 'template', name: 'T', description: '', source: '$result' }, { secrets: { token: 'x' } }));
      expect(error.details.problems).toEqual([{ field: 'secrets', message: 'Only datasources have secrets; a template cannot store one.' }]);
    });

    it('deletes secrets with the datasource', async () => {
      await repository.save('datasource', datasourceDraft(), { secrets: { token: TOKEN } });
      await repository.delete('datasource', 'id-1');
      expect(secrets.size).toBe(0);
      expect(await repository.find('datasource', 'id-1')).toBeUndefined();
    });
  });

  describe('versions', () => {
    it('rejects a stale base version and writes nothing', async () => {
      await repository.save('datasource', datasourceDraft(), { secrets: { token: TOKEN } });
      await repository.save('datasource', { ...datasourceDraft({ description: 'second' }), id: 'id-1' }, { baseVersion: 1 });

      const error = await failure(repository.save('datasource', { ...datasourceDraft({ description: 'stale' }), id: 'id-1' }, { baseVersion: 1, secrets: { token: 'stale-token' } }));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toBe('The datasource "Apache Jira" was changed by someone else: it is now at version 2, and you edited version 1. Nothing was saved.');
      expect((await repository.get('datasource', 'id-1')).description).toBe('second');
      expect(await repository.readSecret('id-1', 'token')).toBe(TOKEN);
    });

    it('requires a base version to update', async () => {
      await repository.save('datasource', datasourceDraft());
      const error = await failure(repository.save('datasource', { ...datasourceDraft(), id: 'id-1' }));
      expect(error.code).toBe('CONFLICT');
    });

    it('rejects an update of a deleted entity', async () => {
      const error = await failure(repository.save('datasource', { ...datasourceDraft(), id: 'gone' }, { baseVersion: 3 }));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toBe('The datasource "Apache Jira" was changed by someone else: it no longer exists or never did. Nothing was saved.');
    });

    it('lets exactly one concurrent save win', async () => {
      await repository.save('datasource', datasourceDraft());
      const saves = [1, 2, 3, 4, 5].map((index) =>
        repository.save('datasource', { ...datasourceDraft({ description: `editor ${index}` }), id: 'id-1' }, { baseVersion: 1 }),
      );
      const outcomes = await Promise.allSettled(saves);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((item) => item.status === 'rejected')) {
        expect(outcome.reason).toMatchObject({ code: 'CONFLICT' });
      }
      expect((await repository.get('datasource', 'id-1')).version).toBe(2);
    });

    it('creates with a caller-chosen id', async () => {
      const saved = await repository.save('datasource', { ...datasourceDraft(), id: 'apache-jira' });
      expect(saved.id).toBe('apache-jira');
    });
  });

  describe('queries', () => {
    it('reports unused and undefined parameters as warnings', async () => {
      await repository.save('datasource', datasourceDraft());
      const saved = await repository.save(
        'query',
        queryDraft('id-1', {
          url: '/rest/api/2/search?jql=project%3D:project%20AND%20fixVersion%3D:version',
          parameters: [
            { name: 'project', type: 'string', required: true, description: '', viewerEditable: false },
            { name: 'unused', type: 'integer', required: false, description: '', viewerEditable: false },
          ],
        }),
      );
      expect(saved.warnings).toEqual([
        '":version" is used but not defined, so it is treated as a required text parameter. Define it to set a type, a default or a description.',
        'The parameter "unused" is defined but not used in the URL or body.',
      ]);
    });

    it('checks referenced entities exist', async () => {
      await repository.save('datasource', datasourceDraft());
      const error = await failure(repository.save('query', queryDraft('missing-ds', { converterId: 'no-converter', templateId: 'no-template' })));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.problems).toEqual([
        { field: 'datasourceId', message: 'datasourceId refers to the datasource "missing-ds", which does not exist. Pick an existing datasource.' },
        { field: 'converterId', message: 'converterId refers to the converter "no-converter", which does not exist. Pick an existing converter.' },
        { field: 'templateId', message: 'templateId refers to the template "no-template", which does not exist. Pick an existing template.' },
      ]);
    });

    it.each([
      [{ url: 'https://evil.example.com/x' }, 'url', 'is absolute'],
      [{ url: '//evil.example.com/x' }, 'url', 'must be a path relative to the base URL'],
      [{ url: '/search?jql=project = X' }, 'url', 'contains spaces or control characters'],
      [{ url: '/page#:anchor' }, 'url', 'The fragment is never sent to the server'],
      [{ url: '/p/:@page.owner' }, 'url', 'The wildcard ":@page.owner" does not exist'],
      [{ body: '{"a": 1}' }, 'body', 'GET requests carry no body'],
      [{ method: 'POST' as const, body: '{"jql": :project' }, 'body', 'The body is not valid JSON once parameters are filled in'],
      [{ cacheDuration: '2w' }, 'cacheDuration', 'cacheDuration "2w" is not a duration'],
      [{ spaces: ['ENG', 'bad key'] }, 'spaces/1', 'is not a space key'],
      [{ parameters: [{ name: 'project', type: 'enum' as const, required: true, description: '', viewerEditable: false }] }, 'parameters/0/options', 'has no options'],
      [{ parameters: [{ name: 'project', type: 'integer' as const, default: 'ten', required: true, description: '', viewerEditable: false }] }, 'parameters/0/default', 'The default is invalid'],
      [{ parameters: [{ name: '1project', type: 'string' as const, required: true, description: '', viewerEditable: false }] }, 'parameters/0/name', 'is invalid'],
    ])('rejects %j', async (change, field, fragment) => {
      await repository.save('datasource', datasourceDraft());
      const error = await failure(repository.save('query', queryDraft('id-1', change)));
      expect(error.code).toBe('VALIDATION_FAILED');
      const messages = (error.details.problems ?? []).filter((item) => item.field === field).map((item) => item.message);
      expect(messages.some((message) => message.includes(fragment)), messages.join(' | ')).toBe(true);
    });
  });

  describe('datasource validation', () => {
    it.each([
      ['javascript:alert(1)', 'uses the scheme javascript'],
      ['file:///etc/passwd', 'uses the scheme file'],
      ['jira.example.com', 'is not an absolute URL'],
      ['https://user:pw@jira.example.com', 'contains a user name or password'],
      ['https://jira.example.com/a b', 'contains spaces'],
      ['ftp://files.example.com', 'uses the scheme ftp'],
      ['http://jira.example.com', 'uses plain http'],
      ['https://jira.example.com/?a=1', 'has a query string or fragment'],
      ['https:jira.example.com', 'must start with https://'],
    ])('rejects the base URL %s', async (baseUrl, fragment) => {
      const error = await failure(repository.save('datasource', datasourceDraft({ baseUrl })));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.field).toBe('baseUrl');
      expect(error.message).toContain(fragment);
    });

    it('accepts an IDN base URL', async () => {
      const saved = await repository.save('datasource', datasourceDraft({ baseUrl: 'https://bücher.example' }));
      expect(saved.version).toBe(1);
    });

    it('accepts http when allowed, with a warning', async () => {
      const saved = await repository.save('datasource', datasourceDraft({ baseUrl: 'http://jira.example.com', allowInsecureHttp: true }));
      expect(saved.warnings[0]).toBe('This datasource uses plain http: data and credentials travel unencrypted, and every result shows a warning.');
      expect((await repository.list('datasource'))[0]?.insecure).toBe(true);
    });

    it('lists the token expiry date', async () => {
      await repository.save('datasource', datasourceDraft({ name: 'Expiring', auth: { kind: 'token', placement: 'bearer', expiresAt: '2026-12-31' } }));
      await repository.save('datasource', datasourceDraft({ name: 'Open', auth: { kind: 'token', placement: 'bearer' } }));
      const [expiring, open] = await repository.list('datasource');

      expect(expiring?.tokenExpiresAt).toBe('2026-12-31');
      expect(open).not.toHaveProperty('tokenExpiresAt');
    });

    it.each([
      [{ headers: { Authorization: 'Basic abc' } }, 'headers/Authorization', 'cannot be a static header'],
      [{ headers: { 'X-Trace': 'a\r\nb' } }, 'headers/X-Trace', 'contains a control character'],
      [{ headers: { 'Accept-Encoding': 'zstd' } }, 'headers/Accept-Encoding', 'cannot be a static header'],
      [{ headers: { 'Bad Header': 'x' } }, 'headers/Bad Header', 'is not a valid HTTP header name'],
      [{ allowedHosts: [{ host: 'https://x.example.com' }] }, 'allowedHosts/0/host', 'is not a host pattern'],
      [{ allowedHosts: [{ host: '*.example.com', pathPrefix: '/../admin' }] }, 'allowedHosts/0/pathPrefix', 'must be a plain path'],
      [{ allowedHosts: [{ host: 'other.example.com' }] }, 'allowedHosts', "do not cover the base URL's host"],
      [{ auth: { kind: 'token' as const, placement: 'header' as const } }, 'auth/headerName', 'is missing'],
      [{ auth: { kind: 'token' as const, placement: 'bearer' as const, expiresAt: '31.12.2026' } }, 'auth/expiresAt', 'is not a date'],
      [{ auth: { kind: 'basic' as const, username: 'a:b' } }, 'auth/username', 'contains ":"'],
      [{ testPath: 'rest/api' }, 'testPath', 'must be a path relative to the base URL'],
      [{ timeoutMs: 60_000 }, 'timeoutMs', 'is 60000; it must be at most 20000.'],
      [{ name: '<img src=x onerror=alert(1)>' }, 'name', 'contains < or >'],
      [{ name: 'x'.repeat(101) }, 'name', 'is 101 characters long; the maximum is 100'],
    ])('rejects %j', async (change, field, fragment) => {
      const error = await failure(repository.save('datasource', datasourceDraft(change)));
      expect(error.code).toBe('VALIDATION_FAILED');
      const problem = error.details.problems?.find((item) => item.field === field);
      expect(problem?.message).toContain(fragment);
    });

    it('accepts wildcard and port host patterns', async () => {
      const saved = await repository.save('datasource', datasourceDraft({ baseUrl: 'https://jira.example.com:8443', allowedHosts: [{ host: 'jira.example.com:8443' }, { host: '*.cdn.example.com', pathPrefix: '/assets' }] }));
      expect(saved.version).toBe(1);
    });

    it('rejects unknown fields and wrong types', async () => {
      const error = await failure(repository.save('datasource', { ...datasourceDraft(), password: 'oops', timeoutMs: '10s' }));
      expect(error.details.problems).toEqual([
        { field: 'password', message: 'password is not a known field. Remove it.' },
        { field: 'timeoutMs', message: 'timeoutMs must be an integer, but it is a string.' },
      ]);
      expect(await allStoredText()).not.toContain('oops');
    });

    it('rejects a duplicate name in any case', async () => {
      await repository.save('datasource', datasourceDraft());
      const error = await failure(repository.save('datasource', datasourceDraft({ name: 'apache JIRA' })));
      expect(error.details.problems).toEqual([{ field: 'name', message: 'name "apache JIRA" is already used by another datasource. Choose a different name.' }]);
    });

    it('keeps names unique under concurrent creates', async () => {
      const outcomes = await Promise.allSettled([
        repository.save('datasource', datasourceDraft({ name: 'Shared' })),
        repository.save('datasource', datasourceDraft({ name: 'shared' })),
        repository.save('datasource', datasourceDraft({ name: 'SHARED' })),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((item) => item.status === 'rejected')) {
        expect(outcome.reason).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'name' } });
      }
      expect(await repository.list('datasource')).toHaveLength(1);
    });

    it('frees a name on rename and delete', async () => {
      await repository.save('template', { kind: 'template', name: 'First', description: '', source: '$result' });
      await repository.save('template', { kind: 'template', name: 'Renamed', description: '', source: '$result', id: 'id-1' }, { baseVersion: 1 });
      const reuse = await repository.save('template', { kind: 'template', name: 'First', description: '', source: '$result' });
      await repository.delete('template', reuse.id);
      const again = await repository.save('template', { kind: 'template', name: 'first', description: '', source: '$result' });
      expect(again.version).toBe(1);
      expect((await store.list('meta')).items.map((item) => (item.value as { name: string }).name).sort()).toEqual(['Renamed', 'first']);
    });

    it('takes over an old claim whose owner is gone', async () => {
      await repository.save('template', { kind: 'template', name: 'Orphan', description: '', source: '$result' });
      await store.delete('template', 'id-1');
      clock.advance(61_000);
      const saved = await repository.save('template', { kind: 'template', name: 'Orphan', description: '', source: '$result' });
      expect(saved.id).toBe('id-2');
    });

    it('checks the base URL against the network policy', async () => {
      const guarded = new EntityRepository({ store, secrets, clock, network: { privateHostsAllowed: [], egressAllowList: ['*.atlassian.net'] } });
      const error = await failure(guarded.save('datasource', datasourceDraft({ baseUrl: 'https://169.254.169.254' })));
      expect(error.message).toContain('baseUrl host 169.254.169.254 is a link-local address');

      const saved = await guarded.save('datasource', datasourceDraft(), { secrets: { token: TOKEN } });
      expect(saved.warnings).toEqual([
        "The app's manifest does not declare issues.apache.org as an egress address, so requests will be blocked. Add https://issues.apache.org to permissions.external.fetch.backend and redeploy.",
      ]);
    });

    it('names the first problem and counts the rest', async () => {
      const error = await failure(repository.save('datasource', datasourceDraft({ baseUrl: 'ftp://x', testPath: 'x', name: '<b>' })));
      expect(error.message).toBe('The datasource "<b>" was not saved: name "<b>" contains < or >. Names are plain text; remove the markup. (and 2 more problems)');
      expect(error.hint).toBe('Fix the listed fields and save again. Nothing was changed.');
    });
  });

  describe('converters and templates', () => {
    it('rejects an empty source', async () => {
      const error = await failure(repository.save('converter', { kind: 'converter', name: 'C', description: '', source: '  ', sampleInput: '' }));
      expect(error.details.problems).toEqual([{ field: 'source', message: 'source is empty. Write a function convert(json, metadata) that returns rows.' }]);
    });

    it('runs the injected syntax check', async () => {
      const checked = new EntityRepository({
        store,
        secrets,
        clock,
        sourceCheckers: { converter: async (source) => (source.includes('( {') ? { ok: false, message: 'Unexpected token', line: 1, column: 19 } : { ok: true }) },
      });
      const error = await failure(checked.save('converter', { kind: 'converter', name: 'C', description: '', source: 'function convert( {', sampleInput: '' }));
      expect(error.details.problems).toEqual([{ field: 'source', message: 'source has a syntax error at line 1, column 19: Unexpected token. Fix it and save again.' }]);
      expect((await store.list('converter')).items).toEqual([]);
      expect((await checked.save('converter', { kind: 'converter', name: 'C', description: '', source: 'function convert(json) { return json; }', sampleInput: '' })).version).toBe(1);
    });

    it('rejects a record too large for the store', async () => {
      const small = new EntityRepository({ store: new MemoryStore({ maxValueBytes: 20_000 }), secrets, clock });
      const error = await failure(small.save('converter', { kind: 'converter', name: 'C', description: '', source: 'function convert(j) { return j; }', sampleInput: '"'.repeat(15_000) }));
      expect(error.details.problems?.[0]?.field).toBe('sampleInput');
      expect(error.details.problems?.[0]?.message).toContain('more than the 18976 bytes one record can hold');
    });
  });

  describe('list and delete', () => {
    it('lists by name with users', async () => {
      await repository.save('datasource', datasourceDraft({ name: 'Zeta' }));
      await repository.save('datasource', datasourceDraft({ name: 'alpha' }));
      await repository.save('template', { kind: 'template', name: 'Table', description: '', source: '$result' });
      await repository.save('query', queryDraft('id-1', { templateId: 'id-3' }));

      const datasources = await repository.list('datasource');
      expect(datasources.map((summary) => summary.name)).toEqual(['alpha', 'Zeta']);
      expect(datasources[1]?.usedBy).toEqual([{ kind: 'query', id: 'id-4', name: 'Sling issues' }]);
      expect((await repository.list('template'))[0]?.usedBy).toEqual([{ kind: 'query', id: 'id-4', name: 'Sling issues' }]);
    });

    it('refuses to delete an entity in use', async () => {
      await repository.save('datasource', datasourceDraft(), { secrets: { token: TOKEN } });
      await repository.save('query', queryDraft('id-1'));
      await repository.save('query', queryDraft('id-1', { name: 'Second' }));

      const error = await failure(repository.delete('datasource', 'id-1'));
      expect(error.code).toBe('IN_USE');
      expect(error.message).toBe('The datasource "Apache Jira" is used by 2 queries: "Sling issues", "Second", so it was not deleted.');
      expect(error.details.usedBy).toEqual([
        { kind: 'query', id: 'id-2', name: 'Sling issues' },
        { kind: 'query', id: 'id-3', name: 'Second' },
      ]);
      expect(await repository.readSecret('id-1', 'token')).toBe(TOKEN);
    });

    it('reports a missing entity', async () => {
      const error = await failure(repository.delete('query', 'nope'));
      expect(error.code).toBe('ENTITY_NOT_FOUND');
      expect(error.message).toBe('No query with id "nope" exists.');
    });
  });

  describe('migration', () => {
    it('fills defaults in a record without schemaVersion', async () => {
      await store.put('query', 'old', { id: 'old', kind: 'query', name: 'Old', datasourceId: 'ds', url: '/x' }, 0);
      const query = await repository.get('query', 'old');
      expect(query).toEqual({
        id: 'old',
        kind: 'query',
        name: 'Old',
        description: '',
        datasourceId: 'ds',
        method: 'GET',
        url: '/x',
        parameters: [],
        cacheDuration: '0',
        spaces: [],
        schemaVersion: 1,
        updatedAt: '1970-01-01T00:00:00.000Z',
        version: 1,
      });
    });

    it('refuses a record from a newer version', async () => {
      await store.put('template', 'new', { id: 'new', kind: 'template', name: 'N', source: '', schemaVersion: 9 }, 0);
      const error = await failure(repository.get('template', 'new'));
      expect(error.message).toBe('The template new was saved by a newer version of the app (schema 9).');
    });
  });
});
