// A stand-in for the global Forge bridge with an in-memory backend, used to
// look at the admin page in a browser without the local host. Development aid
// only: the tests run against the real local host and its real resolvers.
(() => {
  const now = () => new Date().toISOString();
  const params = new URLSearchParams(location.search);
  const isAdmin = params.get('user') !== 'viewer';
  const store = { datasource: new Map(), query: new Map(), converter: new Map(), template: new Map() };
  const secrets = new Map();
  let nextId = 1;
  const plural = { datasources: 'datasource', queries: 'query', converters: 'converter', templates: 'template' };

  const ok = (data) => ({ ok: true, data });
  const fail = (code, message, details) => ({ ok: false, error: { code, message, details } });

  function usedBy(kind, id) {
    const users = [];
    for (const query of store.query.values()) {
      if ((kind === 'datasource' && query.datasourceId === id) || (kind === 'converter' && query.converterId === id) || (kind === 'template' && query.templateId === id)) {
        users.push({ kind: 'query', id: query.id, name: query.name });
      }
    }
    return users;
  }

  function summary(entity) {
    return { id: entity.id, kind: entity.kind, name: entity.name, description: entity.description, version: entity.version, updatedAt: entity.updatedAt, usedBy: usedBy(entity.kind, entity.id), insecure: entity.kind === 'datasource' ? entity.allowInsecureHttp : undefined };
  }

  function save(kind, payload) {
    const draft = payload.draft;
    if (!draft.name) return fail('VALIDATION_FAILED', 'The entity has 1 invalid field.', { problems: [{ field: '/name', message: 'Name is required.' }] });
    const existing = draft.id ? store[kind].get(draft.id) : undefined;
    if (existing && payload.baseVersion !== existing.version) return fail('CONFLICT', `Someone else saved "${existing.name}" (version ${existing.version}) after you opened version ${payload.baseVersion}.`);
    const id = draft.id ?? `${kind}-${nextId++}`;
    const entity = { ...draft, id, schemaVersion: 1, version: (existing?.version ?? 0) + 1, updatedAt: now(), updatedBy: 'stub-admin' };
    store[kind].set(id, entity);
    for (const [name, value] of Object.entries(payload.secrets ?? {})) {
      if (value === null) secrets.delete(`${id}:${name}`);
      else secrets.set(`${id}:${name}`, value);
    }
    return ok({ id, version: entity.version, warnings: [] });
  }

  function handle(key, payload) {
    if (key === 'session/whoami') return ok({ accountId: isAdmin ? 'stub-admin' : 'stub-viewer', isAdmin });
    if (!isAdmin) return fail('FORBIDDEN', 'Only Confluence administrators can do this.');
    const [area, action] = key.split('/');
    const kind = plural[area];
    if (kind && action === 'list') return ok({ items: [...store[kind].values()].map(summary) });
    if (kind && action === 'get') {
      const entity = store[kind].get(payload.id);
      if (!entity) return fail('ENTITY_NOT_FOUND', `No ${kind} with id ${payload.id}.`);
      if (kind !== 'datasource') return ok(entity);
      return ok({ ...entity, secrets: { password: { configured: secrets.has(`${entity.id}:password`) }, token: { configured: secrets.has(`${entity.id}:token`) } } });
    }
    if (kind && action === 'save') return save(kind, payload);
    if (kind && action === 'delete') {
      const users = usedBy(kind, payload.id);
      if (users.length > 0) return fail('IN_USE', `It is used by ${users.length} item(s).`, { usedBy: users });
      store[kind].delete(payload.id);
      return ok({ deleted: true });
    }
    if (key === 'datasources/test') return ok({ ok: true, url: 'https://api.example.test/', status: 200, latencyMs: 42, auth: 'accepted', tls: { used: true }, redirects: [], notes: ['Stub connection test.'] });
    if (key === 'converters/test') {
      if (payload.source.includes('throw')) return fail('CONVERTER_ERROR', 'Error: boom', { line: 3, column: 9 });
      return ok({ output: [{ key: 'A-1', summary: 'First' }, { key: 'A-2', summary: 'Second' }], durationMs: 3, engine: 'stub' });
    }
    if (key === 'templates/preview') return ok(runResult('<p>Rendered by the stub.</p><div class="pq-table" data-table-id="t1"></div>'));
    if (key === 'queries/preview') {
      return ok({
        request: { method: payload.draft.method, url: `https://api.example.test${payload.draft.url}` },
        response: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ issues: [{ key: 'A-1' }] }, null, 2) },
        converted: [{ key: 'A-1', summary: 'First' }],
        result: runResult('<div class="pq-table" data-table-id="t1"></div>'),
        timings: { fetchMs: 20, convertMs: 3, renderMs: 2, totalMs: 25 },
      });
    }
    if (key === 'config/export') return ok({ format: 'rest-data-for-confluence/config', formatVersion: 1, exportedAt: now(), datasources: [], queries: [], converters: [], templates: [] });
    if (key === 'config/import') return fail('IMPORT_INVALID', 'The file is not an exported configuration.');
    return fail('INVALID_REQUEST', `Unknown resolver ${key}.`);
  }

  function runResult(html) {
    return {
      queryId: 'q', queryName: 'stub', html, charts: [], isEmpty: false, emptyMessage: '', warnings: [], engine: 'isolated-vm',
      tables: [{ id: 't1', layout: 'rows', columns: [{ key: 'key', label: 'Key', type: 'text' }, { key: 'summary', label: 'Summary', type: 'text' }], rows: [['A-1', 'First']] }],
      timings: { fetchMs: 0, convertMs: 0, renderMs: 1, totalMs: 1 }, cache: { hit: false },
    };
  }

  globalThis.__bridge = {
    callBridge: async (type, args) => {
      if (type === 'invoke') return JSON.parse(JSON.stringify(handle(args.functionKey, args.payload ?? {})));
      if (type === 'enableTheming') {
        document.documentElement.setAttribute('data-color-mode', params.get('theme') === 'dark' ? 'dark' : 'light');
        return undefined;
      }
      return undefined;
    },
  };
})();
