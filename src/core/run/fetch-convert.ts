// The fetch and convert stages, shared by runQuery and previewQuery.

import type { Converter, Datasource } from '../../contract/entities';
import type { EngineName } from '../../contract/run';
import type { ConverterLimits } from '../convert';
import { runDefaultConverter } from '../convert';
import type { UpstreamResponse } from '../http';
import type { BuiltRequest } from '../params';
import { inStage } from './stage';
import type { RunDeps } from './types';

export async function fetchUpstream(deps: RunDeps, datasource: Datasource, built: BuiltRequest): Promise<{ response: UpstreamResponse; fetchMs: number }> {
  const started = performance.now();
  const request = built.body === undefined ? { method: built.method, path: built.path } : { method: built.method, path: built.path, body: built.body };
  const response = await inStage('fetch', () => deps.upstream(datasource, request));
  return { response, fetchMs: Math.round(performance.now() - started) };
}

export interface ConvertInput {
  queryName: string;
  built: BuiltRequest;
  response: UpstreamResponse;
  converter: Converter | undefined;
  limits?: Partial<ConverterLimits>;
}

export async function convertResponse(deps: RunDeps, input: ConvertInput): Promise<{ converted: unknown; convertMs: number; engine: EngineName }> {
  const started = performance.now();
  const { converter, response, built } = input;
  if (!converter) {
    // The REST client has already parsed a JSON body; parse the text only for the
    // empty and non-JSON cases, so their INVALID_JSON errors come from one place.
    const parsed = response.json;
    const converted = parsed === null || parsed === undefined ? await inStage('convert', () => runDefaultConverter(response.text)) : parsed;
    return { converted, convertMs: Math.round(performance.now() - started), engine: 'none' };
  }

  const result = await inStage('convert', () =>
    deps.converters.run({
      source: converter.source,
      json: response.text,
      converterName: converter.name,
      limits: input.limits,
      metadata: {
        queryName: input.queryName,
        queryParameters: built.values,
        originalQueryParameters: built.originalValues,
        status: response.status,
        headers: response.headers,
      },
    }),
  );
  return { converted: result.value, convertMs: Math.round(performance.now() - started), engine: deps.converters.engine };
}
