// One query run end to end: parameters, cache, fetch, convert, render.
// The cache (src/core/cache) stores converted data, not HTML, so a template
// edit shows at once. Its key covers the site, the query, datasource and
// converter versions and every parameter and wildcard value.

import type { Query } from '../../contract/entities';
import type { EngineName, RunResult, RunWarning } from '../../contract/run';
import { isAppError } from '../../errors/app-error';
import { cached, cacheKey, ChunkedCache, parseCacheDuration, sharedFlights, type CachedResult } from '../cache';
import { buildRequest, type BuiltRequest } from '../params';
import type { ExecutionContext } from '../ports';
import { renderTemplate, type RenderOutput, type TemplateSource } from '../template';
import { convertResponse, fetchUpstream } from './fetch-convert';
import { requireEntity, templateLookup } from './load';
import { inStage } from './stage';
import type { RunDeps, RunOptions } from './types';

/** Cache entry of a run: the converted data and how it was made. */
export interface CachedConversion {
  converted: unknown;
  engine: EngineName;
  fetchMs: number;
  convertMs: number;
  warnings: RunWarning[];
}

export async function runQuery(
  deps: RunDeps,
  query: Query,
  rawParameterValues: Record<string, string>,
  context: ExecutionContext,
  options: RunOptions = {},
): Promise<RunResult> {
  const started = performance.now();
  const built = await inStage('parameters', () => buildRequest(query, rawParameterValues, context, deps.clock));
  const datasource = await inStage('request', () => requireEntity(deps.entities, 'datasource', query.datasourceId, query));
  const converter = query.converterId ? await inStage('request', () => requireEntity(deps.entities, 'converter', query.converterId!, query)) : undefined;

  const ttlSeconds = parseCacheDuration(query.cacheDuration) ?? 0;
  const key = cacheKey({
    siteId: context.siteId,
    queryId: query.id,
    queryVersion: query.version,
    datasourceVersion: datasource.version,
    converterVersion: converter?.version,
    values: built.values,
  });

  const compute = async (): Promise<CachedConversion> => {
    const { response, fetchMs } = await fetchUpstream(deps, datasource, built);
    const converted = await convertResponse(deps, { queryName: query.name, built, response, converter, limits: options.converterLimits });
    return { converted: converted.converted, engine: converted.engine, fetchMs, convertMs: converted.convertMs, warnings: response.warnings };
  };

  // Without a store there is no cache, but identical concurrent runs still share one upstream call.
  let outcome: CachedResult<CachedConversion>;
  const staleWarnings: RunWarning[] = [];
  if (deps.store) {
    try {
      outcome = await cached({ store: deps.store, clock: deps.clock, key, ttlSeconds, refresh: options.refresh, compute, logger: deps.logger });
    } catch (error) {
      const kept = options.refresh && ttlSeconds > 0 ? await keptAfterFailedRefresh(deps, key, error) : undefined;
      if (!kept) throw error;
      outcome = kept.outcome;
      staleWarnings.push(kept.warning);
    }
  } else {
    outcome = { value: await sharedFlights.run(`${key}#uncached`, compute), hit: false };
  }
  const conversion = outcome.value;
  const hit = outcome.hit;

  const renderStarted = performance.now();
  const rendered = await renderStage(deps, query, built, conversion, context, options);
  const renderMs = Math.round(performance.now() - renderStarted);

  return {
    queryId: query.id,
    queryName: query.name,
    html: rendered.html,
    tables: rendered.tables,
    charts: rendered.charts,
    isEmpty: rendered.isEmpty,
    emptyMessage: rendered.emptyMessage,
    warnings: [...staleWarnings, ...conversion.warnings, ...rendered.warnings],
    timings: {
      fetchMs: hit ? 0 : conversion.fetchMs,
      convertMs: hit ? 0 : conversion.convertMs,
      renderMs,
      totalMs: Math.round(performance.now() - started),
    },
    cache: outcome.storedAt ? { hit, storedAt: outcome.storedAt, expiresAt: outcome.expiresAt } : { hit },
    engine: conversion.engine,
  };
}

/**
 * Returns the cached result when a refresh could not reach the API, so a viewer who clicks refresh
 * during an outage keeps the data they had, marked as older. Only fetch failures qualify: a
 * converter or parameter error would fail again on the same data.
 */
async function keptAfterFailedRefresh(
  deps: RunDeps,
  key: string,
  error: unknown,
): Promise<{ outcome: CachedResult<CachedConversion>; warning: RunWarning } | undefined> {
  if (!deps.store || !isAppError(error) || error.details.stage !== 'fetch') return undefined;
  let entry;
  try {
    entry = await new ChunkedCache(deps.store, () => deps.clock.now()).get(key);
  } catch {
    return undefined;
  }
  if (!entry) return undefined;
  deps.logger?.warn('run.refresh_failed_kept_cache', { code: error.code });
  return {
    outcome: { value: JSON.parse(entry.value) as CachedConversion, hit: true, storedAt: entry.storedAt, expiresAt: entry.expiresAt },
    warning: { code: 'STALE_CACHE', message: `Refreshing failed (${error.code}: ${error.message}), so this shows the data cached at ${entry.storedAt}.` },
  };
}

export async function renderStage(
  deps: RunDeps,
  query: Pick<Query, 'name' | 'templateId'>,
  built: BuiltRequest,
  conversion: Pick<CachedConversion, 'converted' | 'fetchMs' | 'convertMs'>,
  context: ExecutionContext,
  options: RunOptions,
): Promise<RenderOutput> {
  return inStage('render', async () => {
    let template: TemplateSource | undefined = options.templateOverride;
    if (!template && query.templateId) {
      const stored = await requireEntity(deps.entities, 'template', query.templateId, query);
      template = { id: stored.id, name: stored.name, source: stored.source };
    }
    const templates = template ? await templateLookup(deps.entities, template.source) : undefined;

    return renderTemplate({
      template,
      result: conversion.converted,
      queryName: query.name,
      queryParameters: built.values,
      queryExecutionTime: conversion.fetchMs + conversion.convertMs,
      settings: { locale: context.locale, timeZone: context.timeZone },
      templates,
      limits: options.renderLimits,
    });
  });
}
