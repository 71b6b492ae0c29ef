export { previewQuery, PREVIEW_BODY_CHARS, type PreviewQuery } from './preview-query';
export { runQuery } from './run-query';
export { cacheKey, type CachedConversion } from './run-cache';
export type { EntityReader, RunDeps, RunOptions, UpstreamClient } from './types';
