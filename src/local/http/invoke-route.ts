// POST /api/invoke: what @forge/bridge's invoke() turns into on the local host.
// The body names the resolver function, its payload and the front end's
// context. The caller's identity comes from the X-Local-Account-Id header,
// never from the body, as Forge takes it from the signed invocation.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/ports';
import type { LocalUser } from '../confluence/users';
import { HttpError, readJson, sendJson } from './respond';

/** Forge's limits on one invocation: 500 KB request payload, 5 MB response. */
export const MAX_INVOKE_PAYLOAD_BYTES = 500 * 1024;
export const MAX_INVOKE_RESPONSE_BYTES = 5 * 1024 * 1024;

/** Runs one resolver call; built in resolver-handler.ts from the same handler Forge runs. */
export type InvokeFunction = (call: { functionKey: string; payload: Record<string, unknown>; context: Record<string, unknown> }, user: LocalUser) => Promise<unknown>;

/** Context fields only the platform may set; a value from the browser is dropped. */
const PLATFORM_FIELDS = ['accountId', 'accountType', 'installContext', 'license', 'installation', 'jobId', 'principal'];

export async function handleInvoke(request: IncomingMessage, response: ServerResponse, user: LocalUser, invoke: InvokeFunction, logger: Logger): Promise<void> {
  const body = await readJson(request);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'Send a JSON object: { "functionKey": "macro/run", "payload": { ... }, "context": { ... } }.');
  }

  const { functionKey, payload = {}, context = {} } = body as Record<string, unknown>;
  if (typeof functionKey !== 'string' || functionKey === '') throw new HttpError(400, '"functionKey" must be a non-empty string, e.g. "session/whoami".');
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new HttpError(400, '"payload" must be a JSON object when present.');
  if (typeof context !== 'object' || context === null || Array.isArray(context)) throw new HttpError(400, '"context" must be a JSON object when present.');

  const payloadBytes = Buffer.byteLength(JSON.stringify(payload));
  if (payloadBytes > MAX_INVOKE_PAYLOAD_BYTES) {
    throw new HttpError(413, `The payload is ${payloadBytes} bytes; Forge accepts at most ${MAX_INVOKE_PAYLOAD_BYTES} bytes per invoke.`);
  }

  const frontendContext: Record<string, unknown> = { ...(context as Record<string, unknown>) };
  for (const field of PLATFORM_FIELDS) delete frontendContext[field];

  const started = Date.now();
  let result: unknown;
  try {
    result = await invoke({ functionKey, payload: payload as Record<string, unknown>, context: frontendContext }, user);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // @forge/resolver throws this for a key without a definition.
    if (/has no definition for/.test(message)) throw new HttpError(404, `No resolver function "${functionKey}".`);
    logger.error('invoke.failed', { functionKey, accountId: user.accountId, errorName: error instanceof Error ? error.name : typeof error });
    throw new HttpError(500, `The resolver function "${functionKey}" threw; see the host's log.`);
  }

  const text = JSON.stringify(result ?? null);
  if (Buffer.byteLength(text) > MAX_INVOKE_RESPONSE_BYTES) {
    throw new HttpError(502, `The resolver returned more than ${MAX_INVOKE_RESPONSE_BYTES} bytes, which Forge would reject.`);
  }
  logger.info('invoke', { functionKey, accountId: user.accountId, durationMs: Date.now() - started, ok: okFlag(result) });
  sendJson(response, 200, result ?? null);
}

function okFlag(result: unknown): boolean | undefined {
  if (typeof result === 'object' && result !== null && 'ok' in result) return Boolean((result as { ok: unknown }).ok);
  return undefined;
}
