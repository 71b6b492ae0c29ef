// FetchPort on Forge: @forge/api's fetch, which sends the request through the
// platform's egress proxy. The REST client follows redirects itself, so
// `redirect: 'manual'` is passed through and every hop is checked.

import { fetch as forgeFetch, type APIResponse } from '@forge/api';

import type { FetchPort, FetchResponse } from '../../core/ports';
import { AppError } from '../../errors/app-error';

export const forgeFetchPort: FetchPort = async (url, init) => {
  const response = await forgeFetch(url, {
    method: init.method,
    headers: init.headers,
    body: init.body,
    redirect: init.redirect,
    signal: init.signal,
  });

  // The proxy marks the responses it generates itself. A response with this
  // header never reached the REST API, so its 403 is not the API's own.
  const proxyError = response.headers.get('forge-proxy-error');
  if (proxyError) {
    await streamOf(response)?.cancel().catch(() => undefined);
    const host = safeHost(url);
    throw new AppError('EGRESS_BLOCKED', `Forge blocked the request to ${host} (${proxyError}).`, {
      hint: `Add { address: '${host}' } under permissions.external.fetch.backend in manifest.yml, then run forge deploy and forge install --upgrade.`,
      details: { egressEntry: host, status: response.status },
    });
  }

  const stream = streamOf(response);
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: stream === undefined ? bufferedBody(response) : stream,
  } satisfies FetchResponse;
};

// @forge/api types its Response without `body`, but at run time it is the
// runtime's (undici) Response, whose body streams, so size limits apply while
// reading. The buffered fallback covers a runtime without streaming bodies.
function streamOf(response: APIResponse): ReadableStream<Uint8Array> | null | undefined {
  return (response as unknown as { body?: ReadableStream<Uint8Array> | null }).body;
}

async function* bufferedBody(response: APIResponse): AsyncIterable<Uint8Array> {
  yield new Uint8Array(await response.arrayBuffer());
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the datasource host';
  }
}
