// config/import: compares a configuration file with what is stored and
// either reports the plan (dry run) or applies it all or nothing.
//
// Entities are matched by id, and each becomes one of five actions. `create`
// and `unchanged` mean what they say; `update` lists the changed fields. An
// item is a `conflict` when another entity of its kind already has the name,
// and `invalid` for schema problems, a duplicate id, or a reference to an
// entity that is neither in the file nor stored. Nothing is written while any
// item is a conflict or invalid.
//
// KVS has no transaction across the records touched here, so "all or nothing"
// is kept by undoing: a failing save restores every entity written before it.
// NOTE: a process killed in the middle of an apply leaves the entities
// written so far in place; running the same import again completes it.

import { Ajv } from 'ajv';

import { CONFIG_FILE_FORMAT, type ImportPlan, type ImportPlanItem } from '../../contract/config-file';
import type { Entity, EntityKind, SecretName } from '../../contract/entities';
import type { Logger } from '../../core/ports';
import { AppError } from '../../errors/app-error';
import { idSchema } from '../schemas/common';
import { secretsNeededBy } from './config-export';
import type { EntityGateway } from './gateway';

/** Order of apply: referenced kinds before the queries that reference them. */
const APPLY_ORDER: EntityKind[] = ['converter', 'template', 'datasource', 'query'];
const FILE_KEYS: Record<EntityKind, 'datasources' | 'queries' | 'converters' | 'templates'> = {
  datasource: 'datasources',
  query: 'queries',
  converter: 'converters',
  template: 'templates',
};
const MAX_ENTITIES_PER_KIND = 1000;

const itemSchema = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: idSchema, name: { type: 'string' } },
} as const;

const validateFile = new Ajv({ allErrors: true }).compile({
  type: 'object',
  required: ['format', 'formatVersion', 'datasources', 'queries', 'converters', 'templates'],
  properties: {
    format: { const: CONFIG_FILE_FORMAT },
    formatVersion: { const: 1 },
    exportedAt: { type: 'string' },
    datasources: { type: 'array', maxItems: MAX_ENTITIES_PER_KIND, items: itemSchema },
    queries: { type: 'array', maxItems: MAX_ENTITIES_PER_KIND, items: itemSchema },
    converters: { type: 'array', maxItems: MAX_ENTITIES_PER_KIND, items: itemSchema },
    templates: { type: 'array', maxItems: MAX_ENTITIES_PER_KIND, items: itemSchema },
  },
});

interface PlannedItem {
  kind: EntityKind;
  item: ImportPlanItem;
  draft: Record<string, unknown>;
  existing?: Entity;
}

export interface ImportOptions {
  updatedBy?: string;
  logger?: Logger;
  /** Checks converter and template source as a save would; returns the problem, or undefined. */
  checkSource?: (kind: 'converter' | 'template', draft: Record<string, unknown>) => Promise<string | undefined>;
}

export async function importConfig(gateway: EntityGateway, file: unknown, dryRun: boolean, options: ImportOptions = {}): Promise<ImportPlan> {
  if (!validateFile(file)) {
    const first = validateFile.errors?.[0];
    throw new AppError('IMPORT_INVALID', `The file is not a configuration export: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}.`, {
      hint: `Export a configuration from the admin page (format "${CONFIG_FILE_FORMAT}", version 1) and import that file.`,
      details: {
        field: first?.instancePath || '/',
        problems: (validateFile.errors ?? []).slice(0, 20).map((error) => ({ field: error.instancePath || '/', message: error.message ?? 'invalid' })),
      },
    });
  }

  const stored = await loadStored(gateway);
  const planned = await planItems(gateway, file as unknown as Record<string, Record<string, unknown>[]>, stored, options);
  const secretsNeeded = await secretsToEnter(gateway, planned);
  const plan: ImportPlan = { dryRun, applied: false, items: planned.map((entry) => entry.item), secretsNeeded };

  const blocked = planned.some((entry) => entry.item.action === 'invalid' || entry.item.action === 'conflict');
  if (dryRun || blocked) return plan;

  await applyAll(gateway, planned, options.updatedBy, options.logger);
  return { ...plan, applied: true };
}

type StoredByKind = Record<EntityKind, Map<string, Entity>>;

async function loadStored(gateway: EntityGateway): Promise<StoredByKind> {
  const stored = {} as StoredByKind;
  for (const kind of APPLY_ORDER) {
    const entities = (await gateway.listEntities(kind)) as Entity[];
    stored[kind] = new Map(entities.map((entity) => [entity.id, entity]));
  }
  return stored;
}

async function planItems(
  gateway: EntityGateway,
  file: Record<string, Record<string, unknown>[]>,
  stored: StoredByKind,
  options: ImportOptions,
): Promise<PlannedItem[]> {
  const idsInFile = {} as Record<EntityKind, Set<string>>;
  for (const kind of APPLY_ORDER) idsInFile[kind] = new Set((file[FILE_KEYS[kind]] ?? []).map((raw) => String(raw.id)));

  const planned: PlannedItem[] = [];
  for (const kind of APPLY_ORDER) {
    const seen = new Set<string>();
    for (const raw of file[FILE_KEYS[kind]] ?? []) {
      const draft = toDraft(kind, raw);
      const id = String(raw.id);
      const name = String(raw.name);
      const existing = stored[kind].get(id);
      const base = { kind, name };

      const problem =
        (seen.has(id) ? `the id ${id} appears twice in the file` : undefined) ??
        describeProblems(gateway.validateDraft(kind, draft)) ??
        missingReference(kind, draft, idsInFile, stored) ??
        ((kind === 'converter' || kind === 'template') && options.checkSource ? await options.checkSource(kind, draft) : undefined);
      seen.add(id);
      if (problem) {
        planned.push({ kind, draft, existing, item: { ...base, action: 'invalid', detail: problem } });
        continue;
      }

      const clash = [...stored[kind].values()].find((entity) => sameName(entity.name, name) && entity.id !== id);
      if (clash) {
        planned.push({ kind, draft, existing, item: { ...base, action: 'conflict', detail: `another ${kind} (${clash.id}) is already named "${name}"` } });
        continue;
      }

      if (!existing) {
        planned.push({ kind, draft, item: { ...base, action: 'create' } });
        continue;
      }
      const changed = changedFields(toDraft(kind, existing as unknown as Record<string, unknown>), draft);
      planned.push({
        kind,
        draft,
        existing,
        item: changed.length === 0 ? { ...base, action: 'unchanged' } : { ...base, action: 'update', detail: `changes ${changed.join(', ')}` },
      });
    }
  }
  return planned;
}

/** Strips server-managed fields, the secret status and secret hints, leaving what an editor would send. */
function toDraft(kind: EntityKind, raw: Record<string, unknown>): Record<string, unknown> {
  const { version: _v, updatedAt: _u, updatedBy: _b, schemaVersion: _s, secretEnv: _e, secrets: _x, ...draft } = raw;
  return { ...draft, kind };
}

function describeProblems(problems: { field: string; message: string }[]): string | undefined {
  if (problems.length === 0) return undefined;
  return problems
    .slice(0, 5)
    .map((problem) => `${problem.field}: ${problem.message}`)
    .join('; ');
}

function missingReference(
  kind: EntityKind,
  draft: Record<string, unknown>,
  idsInFile: Record<EntityKind, Set<string>>,
  stored: StoredByKind,
): string | undefined {
  if (kind !== 'query') return undefined;
  const references: [EntityKind, unknown][] = [
    ['datasource', draft.datasourceId],
    ['converter', draft.converterId],
    ['template', draft.templateId],
  ];
  for (const [referenced, id] of references) {
    if (typeof id !== 'string' || id === '') continue;
    if (!idsInFile[referenced].has(id) && !stored[referenced].has(id)) {
      return `it uses ${referenced} ${id}, which is neither in the file nor on this site`;
    }
  }
  return undefined;
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => canonical(before[name]) !== canonical(after[name])).sort();
}

function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, nested: unknown) =>
    nested && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : nested,
  );
}

async function secretsToEnter(gateway: EntityGateway, planned: PlannedItem[]): Promise<{ datasource: string; secret: SecretName }[]> {
  const needed: { datasource: string; secret: SecretName }[] = [];
  for (const entry of planned) {
    if (entry.kind !== 'datasource' || entry.item.action === 'invalid') continue;
    const auth = entry.draft.auth as { kind: 'none' | 'basic' | 'token' } | undefined;
    if (!auth) continue;

    const configured = entry.existing ? (await gateway.getDatasourceView(entry.existing.id)).secrets : undefined;
    for (const secret of secretsNeededBy({ auth } as Parameters<typeof secretsNeededBy>[0])) {
      if (!configured?.[secret]?.configured) needed.push({ datasource: entry.item.name, secret });
    }
  }
  return needed;
}

interface Applied {
  kind: EntityKind;
  id: string;
  version: number;
  previous?: Entity;
}

async function applyAll(gateway: EntityGateway, planned: PlannedItem[], updatedBy?: string, logger?: Logger): Promise<void> {
  const applied: Applied[] = [];
  try {
    for (const entry of planned) {
      if (entry.item.action !== 'create' && entry.item.action !== 'update') continue;
      const saved = await gateway.save(entry.kind, {
        draft: entry.draft as never,
        baseVersion: entry.existing?.version ?? 0,
        updatedBy,
      });
      applied.push({ kind: entry.kind, id: saved.id, version: saved.version, previous: entry.existing });
    }
  } catch (error) {
    await undo(gateway, applied, logger);
    throw error;
  }
}

async function undo(gateway: EntityGateway, applied: Applied[], logger?: Logger): Promise<void> {
  for (const entry of [...applied].reverse()) {
    try {
      if (entry.previous) {
        const draft = toDraft(entry.kind, entry.previous as unknown as Record<string, unknown>);
        await gateway.save(entry.kind, { draft: draft as never, baseVersion: entry.version });
      } else {
        await gateway.delete(entry.kind, entry.id);
      }
    } catch (error) {
      // Keep undoing the rest; the caller reports the original failure.
      logger?.error('config_import.undo_failed', {
        kind: entry.kind,
        id: entry.id,
        errorName: error instanceof Error ? error.name : typeof error,
        errorCode: (error as { code?: string }).code,
      });
    }
  }
}

/** Names compare as the repository compares them on save: trimmed, case-insensitive. */
function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
