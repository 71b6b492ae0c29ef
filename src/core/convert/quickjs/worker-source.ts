// The QuickJS worker program as source text, decoded once per process.

import { gunzipSync } from 'node:zlib';
import { QUICKJS_WORKER_BUNDLE } from '../sandbox-programs.generated';

let decoded: string | undefined;

export function quickJsWorkerSource(): string {
  decoded ??= gunzipSync(Buffer.from(QUICKJS_WORKER_BUNDLE, 'base64')).toString('utf8');
  return decoded;
}
