// Seams to the platform besides storage: outbound HTTP, time and logging.

/** The subset of a fetch Response the REST client reads. Forge's and Node's responses both fit. */
export interface FetchResponse {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null; forEach(callback: (value: string, key: string) => void): void };
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
}

export interface FetchRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** The REST client follows redirects itself, so it can check every hop. */
  redirect: 'manual';
  signal: AbortSignal;
}

export type FetchPort = (url: string, init: FetchRequest) => Promise<FetchResponse>;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export type LogFields = Record<string, string | number | boolean | undefined>;

/** Structured logger. Callers pass ids, statuses and durations, never secrets, headers or response bodies. */
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Where a query runs. Only `accountId` comes from a trusted source on Forge; the rest is checked before use. */
export interface ExecutionContext {
  accountId?: string;
  spaceKey?: string;
  spaceId?: string;
  pageId?: string;
  pageTitle?: string;
  /** BCP 47 tag for number and date formatting, e.g. `en-US`, `ko-KR`. */
  locale: string;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Partition for caches: one Confluence site never sees another's cached data. */
  siteId: string;
}
