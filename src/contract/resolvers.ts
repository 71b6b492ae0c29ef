// The resolver contract: every key, its payload and its result. The backend
// registers exactly these keys, and each front end's single `invoke` module is
// typed against this map. Payload shapes are also enforced at run time by the
// ajv schemas in src/resolvers/schemas.

import type {
  Converter,
  DatasourceView,
  EntityDraft,
  EntityKind,
  EntitySummary,
  MacroConfig,
  ParameterDefinition,
  Query,
  SecretChanges,
  Template,
} from './entities';
import type { ConnectionTestResult } from './connection';
import type { ConfigFile, ImportPlan } from './config-file';
import type { PreviewResult, RunResult } from './run';

export interface SaveResult {
  id: string;
  version: number;
}

/** A query as the macro's configuration dialog sees it: no URL, no datasource details. */
export interface MacroQuerySummary {
  id: string;
  name: string;
  description: string;
  parameters: ParameterDefinition[];
}

export interface ResolverContract {
  // Both audiences
  'session/whoami': { payload: Record<string, never>; result: { accountId: string; isAdmin: boolean } };

  // Macro (any viewer of the page)
  'macro/queries': { payload: Record<string, never>; result: { queries: MacroQuerySummary[] } };
  'macro/run': {
    payload: { config: MacroConfig; viewerParameters?: Record<string, string> };
    result: RunResult;
  };
  'macro/refresh': {
    payload: { config: MacroConfig; viewerParameters?: Record<string, string> };
    result: RunResult;
  };

  // Admin (Confluence administrators only)
  'datasources/list': { payload: Record<string, never>; result: { items: EntitySummary[] } };
  'datasources/get': { payload: { id: string }; result: DatasourceView };
  'datasources/save': {
    payload: { draft: EntityDraft<'datasource'>; secrets?: SecretChanges; baseVersion?: number };
    result: SaveResult;
  };
  'datasources/delete': { payload: { id: string }; result: { deleted: true } };
  'datasources/test': { payload: { id: string }; result: ConnectionTestResult };

  'queries/list': { payload: Record<string, never>; result: { items: EntitySummary[] } };
  'queries/get': { payload: { id: string }; result: Query };
  'queries/save': { payload: { draft: EntityDraft<'query'>; baseVersion?: number }; result: SaveResult & { warnings: string[] } };
  'queries/delete': { payload: { id: string }; result: { deleted: true } };
  /** Runs a saved or unsaved query with sample parameters; `draft` wins over `id`. */
  'queries/preview': {
    payload: { id?: string; draft?: EntityDraft<'query'>; parameters: Record<string, string> };
    result: PreviewResult;
  };

  'converters/list': { payload: Record<string, never>; result: { items: EntitySummary[] } };
  'converters/get': { payload: { id: string }; result: Converter };
  'converters/save': { payload: { draft: EntityDraft<'converter'>; baseVersion?: number }; result: SaveResult };
  'converters/delete': { payload: { id: string }; result: { deleted: true } };
  /** Runs converter source against a sample input without saving. */
  'converters/test': {
    payload: { source: string; sampleInput: string };
    result: { output: unknown; durationMs: number; engine: string };
  };

  'templates/list': { payload: Record<string, never>; result: { items: EntitySummary[] } };
  'templates/get': { payload: { id: string }; result: Template };
  'templates/save': { payload: { draft: EntityDraft<'template'>; baseVersion?: number }; result: SaveResult };
  'templates/delete': { payload: { id: string }; result: { deleted: true } };
  /** Renders template source against converted data without saving. */
  'templates/preview': {
    payload: { source: string; data: unknown; parameters?: Record<string, string> };
    result: RunResult;
  };

  'config/export': { payload: Record<string, never>; result: ConfigFile };
  'config/import': { payload: { file: unknown; dryRun: boolean }; result: ImportPlan };
}

export type ResolverKey = keyof ResolverContract;
export type PayloadOf<K extends ResolverKey> = ResolverContract[K]['payload'];
export type ResultOf<K extends ResolverKey> = ResolverContract[K]['result'];

/** Resolver keys grouped by who may call them. */
export const MACRO_KEYS = ['session/whoami', 'macro/queries', 'macro/run', 'macro/refresh'] as const;

export function isAdminKey(key: ResolverKey): boolean {
  return !(MACRO_KEYS as readonly string[]).includes(key);
}

export type { EntityKind };
