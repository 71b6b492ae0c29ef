// The admin preview: every stage's output, and where it stopped. Never cached.

import type { Query } from '../../contract/entities';
import type { PreviewResult } from '../../contract/run';
import { isAppError } from '../../errors/app-error';
import { buildRequest, type BuiltRequest } from '../params';
import type { ExecutionContext } from '../ports';
import { convertResponse, fetchUpstream } from './fetch-convert';
import { requireEntity } from './load';
import { renderStage } from './run-query';
import { inStage, withStage } from './stage';
import type { RunDeps, RunOptions } from './types';

/** Response bodies in a preview are cut here, in characters. */
export const PREVIEW_BODY_CHARS = 20_000;

export type PreviewQuery = Pick<Query, 'name' | 'datasourceId' | 'method' | 'url' | 'body' | 'parameters' | 'converterId' | 'templateId'> & {
  id?: string;
};

export async function previewQuery(
  deps: RunDeps,
  query: PreviewQuery,
  rawParameterValues: Record<string, string>,
  context: ExecutionContext,
  options: RunOptions = {},
): Promise<PreviewResult> {
  const started = performance.now();
  const preview: PreviewResult = { request: { method: query.method, url: query.url }, timings: {} };
  let stage: 'parameters' | 'request' | 'fetch' | 'convert' | 'render' = 'parameters';

  try {
    const built: BuiltRequest = await inStage('parameters', () => buildRequest(query, rawParameterValues, context, deps.clock));
    stage = 'request';
    const datasource = await inStage('request', () => requireEntity(deps.entities, 'datasource', query.datasourceId, query));
    const converter = query.converterId ? await inStage('request', () => requireEntity(deps.entities, 'converter', query.converterId!, query)) : undefined;
    preview.request = { method: built.method, url: joinUrl(datasource.baseUrl, built.path) };

    stage = 'fetch';
    const { response, fetchMs } = await fetchUpstream(deps, datasource, built);
    preview.timings.fetchMs = fetchMs;
    preview.request.url = response.url || preview.request.url;
    preview.response = { status: response.status, headers: response.headers, ...excerpt(response.json, response.text) };

    stage = 'convert';
    const converted = await convertResponse(deps, { queryName: query.name, built, response, converter, limits: options.converterLimits });
    preview.timings.convertMs = converted.convertMs;
    preview.converted = converted.converted;

    stage = 'render';
    const renderStarted = performance.now();
    const rendered = await renderStage(deps, query, built, { converted: converted.converted, fetchMs, convertMs: converted.convertMs }, context, options);
    const renderMs = Math.round(performance.now() - renderStarted);
    preview.timings.renderMs = renderMs;
    preview.result = {
      queryId: query.id ?? '',
      queryName: query.name,
      ...rendered,
      warnings: [...response.warnings, ...rendered.warnings],
      timings: { fetchMs, convertMs: converted.convertMs, renderMs, totalMs: Math.round(performance.now() - started) },
      cache: { hit: false },
      engine: converted.engine,
    };
  } catch (caught) {
    const error = withStage(caught, stage);
    preview.error = {
      code: error.code,
      message: isAppError(caught) ? error.message : 'The preview failed unexpectedly.',
      stage: error.details.stage ?? stage,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.details.line !== undefined ? { line: error.details.line } : {}),
      ...(error.details.column !== undefined ? { column: error.details.column } : {}),
    };
  }
  preview.timings.totalMs = Math.round(performance.now() - started);
  return preview;
}

function excerpt(json: unknown, text: string): { body: string; bodyTruncatedAt?: number } {
  const body = json !== null && json !== undefined ? JSON.stringify(json, null, 2) : text;
  if (body.length <= PREVIEW_BODY_CHARS) return { body };
  return { body: body.slice(0, PREVIEW_BODY_CHARS), bodyTruncatedAt: PREVIEW_BODY_CHARS };
}

function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}
