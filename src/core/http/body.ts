// Reading a response body under a size limit, and decoding it to text. The
// limit is enforced while the body streams, on decoded bytes, so neither a
// huge body nor a small compressed bomb is ever held in memory whole.

import type { FetchResponse } from '../ports';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The response body exceeded ${limit} bytes.`);
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const result = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.length;
  }
  return result;
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new TypeError('The response body produced a chunk that is not bytes.');
}

/** Rejects when the signal aborts, so a body that stops sending cannot hang the read. */
function abortPromise(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let onAbort = () => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => {});
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/** Reads the whole body, throwing BodyTooLargeError as soon as it passes `maxBytes`. */
export async function readBody(body: FetchResponse['body'], maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);

  const iterator: AsyncIterator<unknown> =
    'getReader' in body
      ? (() => {
          const reader = body.getReader();
          return {
            next: () => reader.read() as Promise<IteratorResult<unknown>>,
            return: async () => {
              await reader.cancel().catch(() => {});
              return { done: true, value: undefined };
            },
          };
        })()
      : body[Symbol.asyncIterator]();

  const aborted = abortPromise(signal);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const step = await Promise.race([iterator.next(), aborted.promise]);
      if (step.done) break;
      const bytes = toBytes(step.value);
      total += bytes.length;
      if (total > maxBytes) throw new BodyTooLargeError(maxBytes);
      chunks.push(bytes);
    }
  } catch (error) {
    await Promise.resolve(iterator.return?.()).catch(() => {});
    throw error;
  } finally {
    aborted.dispose();
  }
  return concat(chunks, total);
}

/** Parses `type/subtype; charset=x` into a lower-case media type and charset. */
export function parseContentType(header: string | null): { mediaType: string; charset?: string } {
  if (!header) return { mediaType: '' };
  const [type, ...parameters] = header.split(';');
  const charsetParameter = parameters.map((parameter) => parameter.trim()).find((parameter) => /^charset=/i.test(parameter));
  const charset = charsetParameter?.slice('charset='.length).replace(/^"|"$/g, '').toLowerCase();
  return charset ? { mediaType: (type ?? '').trim().toLowerCase(), charset } : { mediaType: (type ?? '').trim().toLowerCase() };
}

export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType === 'text/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

/**
 * Decodes bytes as text in the declared charset (UTF-8 when none or unknown)
 * and strips a leading byte order mark. With `strict`, invalid UTF-8 throws.
 */
export function decodeText(bytes: Uint8Array, charset: string | undefined, strict: boolean): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8', { fatal: strict, ignoreBOM: false });
  } catch {
    decoder = new TextDecoder('utf-8', { fatal: strict, ignoreBOM: false });
  }
  const text = decoder.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
