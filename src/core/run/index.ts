export { previewQuery, PREVIEW_BODY_CHARS, type PreviewQuery } from './preview-query';
export { runQuery, type CachedConversion } from './run-query';
export type { EntityReader, RunDeps, RunOptions, UpstreamClient } from './types';
