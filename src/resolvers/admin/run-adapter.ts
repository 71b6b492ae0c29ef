// The bridge from resolvers to the run pipeline (fetch, convert, render).
// Resolvers decide what may run and with which values; this file only turns
// their decision into pipeline calls.

import type { Query } from '../../contract/entities';
import type { PayloadOf, ResultOf } from '../../contract/resolvers';
import type { RunResult } from '../../contract/run';
import type { ExecutionContext } from '../../core/ports';
import { EntityRepository, checkShape } from '../../core/entities';
import { sendRequest } from '../../core/http';
import { previewQuery as runPreview, runQuery, type PreviewQuery, type RunDeps } from '../../core/run';
import { renderTemplate, type TemplateLookup, type TemplateSource } from '../../core/template';
import { AppError } from '../../errors/app-error';
import { formatSettings } from '../formatting';
import type { ResolverDeps } from '../deps';
import type { Scope } from '../scope';
import { entityGateway } from './gateway';

export interface MacroRunRequest {
  query: Query;
  /** Checked values: the author's, with the viewer's allowed overrides applied. */
  parameters: Record<string, string>;
  context: ExecutionContext;
  bypassCache: boolean;
}

const PREVIEW_NAME = 'Template preview';

export async function runQueryForMacro(request: MacroRunRequest, scope: Scope): Promise<RunResult> {
  const deps = await runDeps(scope.deps);
  return runQuery(deps, request.query, request.parameters, request.context, { refresh: request.bypassCache });
}

/** Runs a saved query, or an unsaved draft (which wins), stage by stage for the admin editor. */
export async function previewQuery(payload: PayloadOf<'queries/preview'>, scope: Scope): Promise<ResultOf<'queries/preview'>> {
  const query = payload.draft ? checkedDraft(payload.draft) : await entityGateway(scope.deps).get('query', payload.id ?? '');
  const context: ExecutionContext = { accountId: scope.trusted.accountId, ...formatSettings(scope), siteId: scope.deps.siteId };
  return runPreview(await runDeps(scope.deps), query, payload.parameters, context);
}

/** Renders unsaved template source against data the admin supplied. */
export async function previewTemplate(payload: PayloadOf<'templates/preview'>, scope: Scope): Promise<RunResult> {
  const { deps } = scope;
  const templates = await templateLookup(deps);
  const started = deps.clock.now();
  const output = renderTemplate({
    template: { name: PREVIEW_NAME, source: payload.source },
    result: payload.data,
    queryName: PREVIEW_NAME,
    queryParameters: payload.parameters ?? {},
    settings: formatSettings(scope),
    templates,
    now: () => deps.clock.now(),
  });
  const renderMs = deps.clock.now() - started;

  return {
    queryId: '',
    queryName: PREVIEW_NAME,
    ...output,
    timings: { fetchMs: 0, convertMs: 0, renderMs, totalMs: renderMs },
    cache: { hit: false },
    engine: 'none',
  };
}

/** Loads every saved template for `$PQ.template(...)` includes, up front because velocityjs renders synchronously. */
export async function templateLookup(deps: ResolverDeps): Promise<TemplateLookup> {
  const templates: TemplateSource[] = (await entityGateway(deps).listEntities('template')).map((template) => ({
    id: template.id,
    name: template.name,
    source: template.source,
  }));
  return {
    byId: (id) => templates.find((template) => template.id === id),
    byName: (name) => templates.find((template) => template.name === name),
  };
}

async function runDeps(deps: ResolverDeps): Promise<RunDeps> {
  return {
    entities: new EntityRepository({ store: deps.store, secrets: deps.secrets, clock: deps.clock, network: deps.network }),
    upstream: (datasource, request) => sendRequest(deps, datasource, request),
    converters: await deps.converterRuntime(),
    store: deps.store,
    clock: deps.clock,
    logger: deps.logger,
  };
}

// An unsaved draft gets the same shape check as a save, so the preview never
// runs something the editor could not store.
function checkedDraft(draft: NonNullable<PayloadOf<'queries/preview'>['draft']>): PreviewQuery {
  const { value, problems } = checkShape('query', draft);
  const [first] = problems;
  if (first) {
    throw new AppError('VALIDATION_FAILED', `The query cannot be previewed: ${first.message}`, {
      hint: 'Fix the listed fields and preview again.',
      details: { field: first.field, problems },
    });
  }
  return value as unknown as PreviewQuery;
}
