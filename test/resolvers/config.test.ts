// Configuration export and import: no secrets out, a dry run that changes
// nothing, and an apply that is all or nothing.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ConfigFile } from '../../src/contract/config-file';
import { MemoryStore, versionConflict } from '../../src/core/store/memory-store';
import type { RecordKind } from '../../src/core/store/types';
import { createBench, type Bench } from './harness';
import { sampleConverterDraft, sampleDatasourceDraft, sampleQueryDraft, sampleTemplateDraft } from './samples';

const SECRET = 'pw-import-export-distinctive';

describe('config export and import', () => {
  let source: Bench;
  let target: Bench;

  beforeEach(async () => {
    source = await createBench();
    target = await createBench();
  });
  afterEach(async () => {
    await source.close();
    await target.close();
  });

  async function fillSource(): Promise<{ datasourceId: string; queryId: string }> {
    const datasource = await source.admin('datasources/save', {
      draft: sampleDatasourceDraft('https://jira.example.com', { name: 'Jira (prod)', auth: { kind: 'basic', username: 'robot' } }),
      secrets: { password: SECRET },
    });
    const converter = await source.admin('converters/save', { draft: sampleConverterDraft() });
    const template = await source.admin('templates/save', { draft: sampleTemplateDraft() });
    const query = await source.admin('queries/save', {
      draft: sampleQueryDraft(datasource.id, { converterId: converter.id, templateId: template.id }),
    });
    return { datasourceId: datasource.id, queryId: query.id };
  }

  it('exports every entity without secrets', async () => {
    const { datasourceId } = await fillSource();
    const file = await source.admin('config/export', {});
    expect(JSON.stringify(file)).not.toContain(SECRET);
    expect(file.format).toBe('rest-data-for-confluence/config');
    expect(file.datasources).toHaveLength(1);
    expect(file.datasources[0]).toMatchObject({ id: datasourceId, secretEnv: { password: 'PQ_JIRA_PROD_PASSWORD' } });
    expect(file.datasources[0]).not.toHaveProperty('version');
    expect(file.datasources[0]).not.toHaveProperty('secrets');
    expect([file.queries.length, file.converters.length, file.templates.length]).toEqual([1, 1, 1]);
  });

  it('plans creates in a dry run and writes nothing', async () => {
    await fillSource();
    const file = await source.admin('config/export', {});
    const plan = await target.admin('config/import', { file, dryRun: true });
    expect(plan.applied).toBe(false);
    expect(plan.items.map((item) => `${item.kind}:${item.action}`)).toEqual(['converter:create', 'template:create', 'datasource:create', 'query:create']);
    expect(plan.secretsNeeded).toEqual([{ datasource: 'Jira (prod)', secret: 'password' }]);
    expect((await target.store.list('query')).items).toEqual([]);
  });

  it('applies a file and then finds it unchanged', async () => {
    const { queryId } = await fillSource();
    const file = await source.admin('config/export', {});
    const applied = await target.admin('config/import', { file, dryRun: false });
    expect(applied.applied).toBe(true);
    expect((await target.admin('queries/get', { id: queryId })).name).toBe('Open issues');

    const again = await target.admin('config/import', { file, dryRun: true });
    expect(again.items.map((item) => item.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });

  it('names the changed fields of an update', async () => {
    await fillSource();
    const file = await source.admin('config/export', {});
    await target.admin('config/import', { file, dryRun: false });
    const edited: ConfigFile = { ...file, queries: [{ ...file.queries[0]!, description: 'Changed', cacheDuration: '5m' }] };
    const plan = await target.admin('config/import', { file: edited, dryRun: true });
    expect(plan.items.find((item) => item.kind === 'query')).toEqual({ kind: 'query', name: 'Open issues', action: 'update', detail: 'changes cacheDuration, description' });
  });

  it('reports a name clash as a conflict and applies nothing', async () => {
    await fillSource();
    const file = await source.admin('config/export', {});
    await target.admin('converters/save', { draft: sampleConverterDraft() });
    const plan = await target.admin('config/import', { file, dryRun: false });
    expect(plan.applied).toBe(false);
    expect(plan.items.find((item) => item.kind === 'converter')?.action).toBe('conflict');
    expect((await target.store.list('datasource')).items).toEqual([]);
  });

  it('changes nothing when one entity is invalid', async () => {
    await fillSource();
    const file = await source.admin('config/export', {});
    const broken: ConfigFile = { ...file, templates: [{ ...file.templates[0]!, source: 42 as unknown as string }] };
    const plan = await target.admin('config/import', { file: broken, dryRun: false });
    expect(plan.applied).toBe(false);
    expect(plan.items.find((item) => item.kind === 'template')).toMatchObject({ action: 'invalid' });
    for (const kind of ['datasource', 'query', 'converter', 'template'] as const) {
      expect((await target.store.list(kind)).items).toEqual([]);
    }
  });

  it('undoes earlier writes when a save fails', async () => {
    // Someone saves a query with the same id between planning and applying.
    class RacingStore extends MemoryStore {
      override async put<T>(kind: RecordKind, id: string, value: T, expectedVersion: number): Promise<number> {
        if (kind === 'query') throw versionConflict(kind, id, 1, expectedVersion);
        return super.put(kind, id, value, expectedVersion);
      }
    }
    const racing = await createBench({ store: new RacingStore() });
    try {
      await fillSource();
      const file = await source.admin('config/export', {});
      const response = await racing.call('config/import', { file, dryRun: false });
      expect(response).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      for (const kind of ['datasource', 'query', 'converter', 'template'] as const) {
        expect((await racing.store.list(kind)).items).toEqual([]);
      }
    } finally {
      await racing.close();
    }
  });

  it('checks template syntax before applying', async () => {
    await fillSource();
    const file = await source.admin('config/export', {});
    const broken: ConfigFile = { ...file, templates: [{ ...file.templates[0]!, source: '#foreach($row in $result)' }] };
    const plan = await target.admin('config/import', { file: broken, dryRun: false });
    expect(plan.applied).toBe(false);
    expect(plan.items.find((item) => item.kind === 'template')?.detail).toMatch(/^The template "Issue keys" was not saved: /);
    expect((await target.store.list('converter')).items).toEqual([]);
  });

  it('reports a reference to a missing datasource', async () => {
    await fillSource();
    const file = await source.admin('config/export', {});
    const plan = await target.admin('config/import', { file: { ...file, datasources: [] }, dryRun: true });
    expect(plan.items.find((item) => item.kind === 'query')?.detail).toMatch(/^it uses datasource .+, which is neither in the file nor on this site$/);
  });

  it('rejects a file of another format', async () => {
    const response = await target.call('config/import', { file: { format: 'something-else' }, dryRun: true });
    expect(response).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } });
  });
});
