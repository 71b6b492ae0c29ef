// Turns an error's line:column into a mark in the code editor.

import type { WireError } from '../../../../src/contract/errors';
import type { CodeMark } from './LazyCodeEditor';

export function marksFromError(error: WireError | undefined): CodeMark[] {
  const line = error?.details?.line;
  if (!error || line === undefined) return [];
  return [{ line, column: error.details?.column, message: error.message }];
}
