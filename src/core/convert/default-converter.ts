// The converter used when a query selects none: the response parsed as JSON.

import { AppError } from '../../errors/app-error';

const BYTE_ORDER_MARK = '\uFEFF';
const SNIPPET_LENGTH = 80;

/** Strips a leading byte order mark, which `JSON.parse` rejects but some servers send. */
export function stripByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

/** Parses the raw response text. Rejects with INVALID_JSON, naming what the body starts with. */
export function runDefaultConverter(json: string): unknown {
  const text = stripByteOrderMark(json);

  if (text.trim() === '') {
    throw new AppError('INVALID_JSON', 'The response body is empty, so there is no JSON to show.', {
      hint: 'Check that the query URL returns data, or select a converter that handles an empty body.',
      details: { stage: 'convert' },
    });
  }

  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const snippet = text.trimStart().slice(0, SNIPPET_LENGTH);
    throw new AppError('INVALID_JSON', `The response is not valid JSON: ${reason}.`, {
      hint: text.trimStart().startsWith('<')
        ? 'The server returned HTML or XML, often a login or error page. Check the URL and the credentials of the datasource.'
        : 'Check that the query URL returns JSON, or select a converter that parses this format.',
      details: { stage: 'convert', value: snippet },
      cause: error,
    });
  }
}
