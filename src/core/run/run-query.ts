// One query run end to end: parameters, cache, fetch, convert, render.

import type { Query } from '../../contract/entities';
import type { RunResult, RunWarning } from '../../contract/run';
import { parseCacheDuration } from '../cache/duration';
import { buildRequest, type BuiltRequest } from '../params';
import type { ExecutionContext } from '../ports';
import { renderTemplate, type RenderOutput, type TemplateSource } from '../template';
import { convertResponse, fetchUpstream } from './fetch-convert';
import { requireEntity, templateLookup } from './load';
import { cacheKey, readCache, writeCache, type CachedConversion } from './run-cache';
import { inStage } from './stage';
import type { RunDeps, RunOptions } from './types';

/** Conversions in progress by cache key, so concurrent runs of one query make one upstream call. */
const inFlight = new Map<string, Promise<CachedConversion>>();

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
    datasourceId: datasource.id,
    datasourceVersion: datasource.version,
    converterId: converter?.id,
    converterVersion: converter?.version,
    method: built.method,
    path: built.path,
    body: built.body,
  });

  let conversion: CachedConversion | undefined;
  let hit = false;
  if (deps.store && ttlSeconds > 0 && !options.refresh) {
    conversion = await readCache(deps.store, key);
    hit = conversion !== undefined;
  }

  if (!conversion) {
    conversion = await singleFlight(key, async () => {
      const { response, fetchMs } = await fetchUpstream(deps, datasource, built);
      const converted = await convertResponse(deps, { queryName: query.name, built, response, converter, limits: options.converterLimits });
      const storedAt = deps.clock.now();
      const entry: CachedConversion = {
        storedAt: new Date(storedAt).toISOString(),
        expiresAt: new Date(storedAt + ttlSeconds * 1000).toISOString(),
        converted: converted.converted,
        engine: converted.engine,
        fetchMs,
        convertMs: converted.convertMs,
        warnings: response.warnings,
      };
      if (deps.store && ttlSeconds > 0) await writeCache(deps.store, key, entry, ttlSeconds);
      return entry;
    });
  }

  const renderStarted = performance.now();
  const rendered = await renderStage(deps, query, built, conversion, context, options);
  const renderMs = Math.round(performance.now() - renderStarted);

  const warnings = [...(conversion.warnings as RunWarning[]), ...rendered.warnings];
  return {
    queryId: query.id,
    queryName: query.name,
    html: rendered.html,
    tables: rendered.tables,
    charts: rendered.charts,
    isEmpty: rendered.isEmpty,
    emptyMessage: rendered.emptyMessage,
    warnings,
    timings: {
      fetchMs: hit ? 0 : conversion.fetchMs,
      convertMs: hit ? 0 : conversion.convertMs,
      renderMs,
      totalMs: Math.round(performance.now() - started),
    },
    cache: hit || ttlSeconds > 0 ? { hit, storedAt: conversion.storedAt, expiresAt: conversion.expiresAt } : { hit: false },
    engine: conversion.engine,
  };
}

async function singleFlight<T extends CachedConversion>(key: string, work: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key);
  if (running) return running as Promise<T>;
  const promise = work().finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
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
