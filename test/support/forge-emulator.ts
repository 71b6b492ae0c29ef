// In-process emulation of the Forge platform seams that @forge/kvs and
// @forge/api call: `global.__forge_fetch__` and `global.__forge_runtime__`.
// The real client packages run unchanged on top of it, so tests exercise
// their request building and error handling. It emulates:
//
// - the KVS API (/api/v1/get|set|delete|query, secret/*, entity/*, batch/*,
//   transaction), with the documented key format, 240 KiB value limit,
//   100-item pages, TTLs and transaction conditions on custom entities;
// - product calls as the user (`requestConfluence`) for the three Confluence
//   endpoints the app uses: current user with operations, v2 page/blog post,
//   v2 space.
//
// Requests are answered on a later tick, so concurrent calls interleave the
// way they do against the real service.

/* eslint-disable @typescript-eslint/no-explicit-any */

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_KEY_LENGTH = 500;
const MAX_VALUE_BYTES = 240 * 1024;
const MAX_PAGE = 100;
const MAX_TRANSACTION_ITEMS = 25;

interface Item {
  value: unknown;
  expiresAt?: number;
  createdAt: number;
  updatedAt: number;
}

export interface EmulatedPage {
  id: string;
  title: string;
  spaceId: string;
  type?: 'page' | 'blogpost';
  /** Accounts that may view it; absent means everyone. */
  viewers?: string[];
}

export interface ForgeEmulatorOptions {
  /** Called for outbound calls that are not KVS or Confluence (none in the app; a guard). */
  onUnexpected?: (target: unknown, path: string) => void;
  /**
   * The account the platform attributes an `asUser()` call to. Forge takes it
   * from the invocation, and tests that run several users concurrently pass a
   * lookup (e.g. from AsyncLocalStorage) instead of setting currentAccountId.
   */
  accountOf?: () => string | undefined;
}

export interface KvsCall {
  path: string;
  body: any;
}

export class ForgeEmulator {
  readonly kvs = new Map<string, Item>();
  readonly secrets = new Map<string, Item>();
  /** Custom entity items by `<entityName>\u0000<key>`. */
  readonly entities = new Map<string, Item>();
  readonly kvsCalls: KvsCall[] = [];
  readonly confluenceCalls: { accountId?: string; path: string }[] = [];

  /** Who the platform treats as the caller of `asUser()`; set per simulated invocation. */
  currentAccountId: string | undefined;
  readonly admins = new Set<string>();
  readonly pages = new Map<string, EmulatedPage>();
  readonly spaces = new Map<string, string>();
  /** Makes every Confluence call fail with this status, to test failure paths. */
  confluenceFailureStatus: number | undefined;

  private previous: { fetch: unknown; runtime: unknown } | undefined;

  constructor(private readonly options: ForgeEmulatorOptions = {}) {}

  install(runtime: Record<string, unknown> = {}): this {
    const globals = globalThis as any;
    this.previous = { fetch: globals.__forge_fetch__, runtime: globals.__forge_runtime__ };
    globals.__forge_fetch__ = (target: any, path: string, init?: RequestInit) => this.handle(target, path, init);
    globals.__forge_runtime__ = {
      proxy: { token: 'emulated-proxy-token', url: 'https://proxy.invalid' },
      tracing: { traceId: 'trace', spanId: 'span' },
      metrics: { counter: () => ({ incr() {} }), timing: () => ({ measure: () => ({ stop() {} }) }) },
      appContext: { appId: 'emulated', environmentId: 'dev', installationId: 'installation' },
      lambdaContext: {},
      ...runtime,
    };
    return this;
  }

  uninstall(): void {
    const globals = globalThis as any;
    globals.__forge_fetch__ = this.previous?.fetch;
    globals.__forge_runtime__ = this.previous?.runtime;
  }

  addPage(page: EmulatedPage, spaceKey: string): void {
    this.pages.set(page.id, page);
    this.spaces.set(page.spaceId, spaceKey);
  }

  private async handle(target: any, path: string, init?: RequestInit): Promise<Response> {
    await new Promise((resolve) => setImmediate(resolve));
    if (target?.type === 'kvs') return this.handleKvs(path, init);
    if (target?.type === 'fpp' && target.remote === 'confluence') return this.handleConfluence(target, path);
    this.options.onUnexpected?.(target, path);
    return json(500, { code: 'UNEMULATED', message: `No emulation for ${JSON.stringify(target)} ${path}` });
  }

  // KVS -----------------------------------------------------------------------

  private handleKvs(path: string, init?: RequestInit): Response {
    const body = init?.body ? JSON.parse(String(init.body)) : {};
    this.kvsCalls.push({ path, body });
    try {
      return this.routeKvs(path, body);
    } catch (error) {
      if (error instanceof KvsFailure) return json(error.status, { code: error.code, message: error.message });
      throw error;
    }
  }

  private routeKvs(path: string, body: any): Response {
    switch (path) {
      case '/api/v1/get':
        return this.getFrom(this.kvs, body.key);
      case '/api/v1/set':
        return this.setIn(this.kvs, body.key, body.value, body.options);
      case '/api/v1/delete':
        return this.deleteFrom(this.kvs, body.key);
      case '/api/v1/query':
        return this.query(body);
      case '/api/v1/secret/get':
        return this.getFrom(this.secrets, body.key);
      case '/api/v1/secret/set':
        return this.setIn(this.secrets, body.key, body.value, body.options);
      case '/api/v1/secret/delete':
        return this.deleteFrom(this.secrets, body.key);
      case '/api/v1/entity/get':
        return this.getFrom(this.entities, entityKey(body.entityName, body.key));
      case '/api/v1/entity/set':
        return this.setIn(this.entities, entityKey(body.entityName, body.key), body.value, body.options);
      case '/api/v1/entity/delete':
        return this.deleteFrom(this.entities, entityKey(body.entityName, body.key));
      case '/api/v1/batch/set':
        return this.batchSet(body);
      case '/api/v1/transaction':
        return this.transaction(body);
      default:
        throw new KvsFailure(404, 'NOT_FOUND', `Unknown KVS path ${path}`);
    }
  }

  private live(map: Map<string, Item>, key: string): Item | undefined {
    const item = map.get(key);
    if (item?.expiresAt !== undefined && item.expiresAt <= Date.now()) {
      map.delete(key);
      return undefined;
    }
    return item;
  }

  private getFrom(map: Map<string, Item>, key: string): Response {
    checkKey(key);
    const item = this.live(map, key);
    if (!item) throw new KvsFailure(404, 'KEY_NOT_FOUND', 'The specified key does not exist.');
    return json(200, { key: displayKey(key), value: item.value, createdAt: item.createdAt, updatedAt: item.updatedAt });
  }

  private setIn(map: Map<string, Item>, key: string, value: unknown, options: any): Response {
    this.write(map, key, value, options);
    return new Response(null, { status: 204 });
  }

  private write(map: Map<string, Item>, key: string, value: unknown, options: any): void {
    checkKey(key);
    checkValue(value);
    const existing = this.live(map, key);
    if (options?.keyPolicy === 'FAIL_IF_EXISTS' && existing) {
      throw new KvsFailure(409, 'KEY_ALREADY_EXISTS', 'The key already exists.');
    }
    const now = Date.now();
    map.set(key, {
      value: structuredClone(value),
      expiresAt: options?.ttl ? now + ttlMilliseconds(options.ttl) : undefined,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
  }

  private deleteFrom(map: Map<string, Item>, key: string): Response {
    checkKey(key);
    map.delete(key);
    return new Response(null, { status: 204 });
  }

  // Keys are returned in lexicographic order; the cursor is the last key of
  // the page, so records deleted between pages do not shift later ones.
  private query(body: any): Response {
    const where = body.where?.[0];
    if (where && (where.property !== 'key' || where.condition !== 'BEGINS_WITH')) {
      throw new KvsFailure(400, 'INVALID_WHERE', 'Only key BEGINS_WITH is emulated.');
    }
    const limit = body.limit ?? 10;
    if (limit > MAX_PAGE || limit < 1) throw new KvsFailure(400, 'INVALID_LIMIT', `limit must be 1..${MAX_PAGE}`);

    const prefix = where ? String(where.values[0]) : '';
    const after = body.after ? Buffer.from(body.after, 'base64url').toString('utf8') : undefined;
    const keys = [...this.kvs.keys()]
      .filter((key) => key.startsWith(prefix) && (after === undefined || key > after) && this.live(this.kvs, key))
      .sort();

    const pageKeys = keys.slice(0, limit);
    const data = pageKeys.map((key) => ({ key, value: this.kvs.get(key)?.value }));
    const last = pageKeys[pageKeys.length - 1];
    const cursor = keys.length > limit && last ? Buffer.from(last, 'utf8').toString('base64url') : undefined;
    return json(200, { data, cursor });
  }

  private batchSet(body: any): Response {
    const items = body as { key: string; value: unknown; entityName?: string; options?: any }[];
    if (items.length > MAX_TRANSACTION_ITEMS) throw new KvsFailure(400, 'TOO_MANY_ITEMS', 'At most 25 items per batch.');
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items) {
      try {
        if (item.entityName) this.write(this.entities, entityKey(item.entityName, item.key), item.value, item.options);
        else this.write(this.kvs, item.key, item.value, item.options);
        successfulKeys.push({ key: item.key, entityName: item.entityName });
      } catch (error) {
        if (!(error instanceof KvsFailure)) throw error;
        failedKeys.push({ key: item.key, entityName: item.entityName, error: { code: error.code, message: error.message } });
      }
    }
    return json(200, { successfulKeys, failedKeys });
  }

  // All conditions are evaluated before any write, and all writes are checked
  // before any is applied, so a failing transaction changes nothing.
  private transaction(body: any): Response {
    const sets: any[] = body.set ?? [];
    const deletes: any[] = body.delete ?? [];
    const checks: any[] = body.check ?? [];
    const all = [...sets, ...deletes, ...checks];
    if (all.length > MAX_TRANSACTION_ITEMS) throw new KvsFailure(400, 'TOO_MANY_ITEMS', 'At most 25 operations per transaction.');

    const identities = all.map((op) => `${op.entityName ?? ''}\u0000${op.key}`);
    if (new Set(identities).size !== identities.length) throw new KvsFailure(400, 'DUPLICATE_KEYS', 'Keys in a transaction must be unique.');

    for (const op of all) {
      checkKey(op.key);
      if (op.conditions && !op.entityName) throw new KvsFailure(400, 'INVALID_CONDITION', 'Conditions need an entity.');
      if (op.conditions) {
        const item = this.live(this.entities, entityKey(op.entityName, op.key));
        if (!matchesConditions(item?.value as Record<string, unknown> | undefined, op.conditions)) {
          throw new KvsFailure(409, 'CONDITION_FAILED', `Transaction condition failed for ${op.key}.`);
        }
      }
    }
    for (const op of sets) checkValue(op.value);

    for (const op of sets) {
      const map = op.entityName ? this.entities : this.kvs;
      this.write(map, op.entityName ? entityKey(op.entityName, op.key) : op.key, op.value, op.options);
    }
    for (const op of deletes) {
      if (op.entityName) this.entities.delete(entityKey(op.entityName, op.key));
      else this.kvs.delete(op.key);
    }
    return new Response(null, { status: 204 });
  }

  // Confluence ----------------------------------------------------------------

  private handleConfluence(target: any, path: string): Response {
    const accountId = target.provider === 'user' ? (target.accountId ?? this.options.accountOf?.() ?? this.currentAccountId) : undefined;
    this.confluenceCalls.push({ accountId, path });
    if (this.confluenceFailureStatus) return json(this.confluenceFailureStatus, { message: 'emulated failure' });
    if (target.provider === 'user' && !accountId) return json(401, { message: 'No user in this invocation' });

    const url = new URL(path, 'https://site.invalid');
    if (url.pathname === '/wiki/rest/api/user/current') {
      const operations = this.admins.has(accountId) ? [{ operation: 'administer', targetType: 'application' }] : [];
      const expandOperations = (url.searchParams.get('expand') ?? '').split(',').includes('operations');
      return json(200, { type: 'known', accountId, ...(expandOperations ? { operations } : {}) });
    }

    const content = /^\/wiki\/api\/v2\/(pages|blogposts)\/([^/]+)$/.exec(url.pathname);
    if (content) {
      const page = this.pages.get(content[2] ?? '');
      const type = content[1] === 'pages' ? 'page' : 'blogpost';
      if (!page || (page.type ?? 'page') !== type || (page.viewers && !page.viewers.includes(accountId))) {
        return json(404, { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found' }] });
      }
      return json(200, { id: page.id, title: page.title, spaceId: page.spaceId, status: 'current' });
    }

    const space = /^\/wiki\/api\/v2\/spaces\/([^/]+)$/.exec(url.pathname);
    if (space) {
      const key = this.spaces.get(space[1] ?? '');
      return key ? json(200, { id: space[1], key, name: key }) : json(404, { errors: [{ status: 404 }] });
    }
    return json(404, { message: `No emulation for ${path}` });
  }
}

class KvsFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function entityKey(entityName: string, key: string): string {
  return `${entityName}\u0000${key}`;
}

function displayKey(key: string): string {
  return key.includes('\u0000') ? key.split('\u0000')[1] ?? key : key;
}

function checkKey(key: unknown): void {
  if (typeof key !== 'string' || key.length === 0) throw new KvsFailure(400, 'EMPTY_KEY', 'Key cannot be empty.');
  const bare = displayKey(key);
  if (bare.length > MAX_KEY_LENGTH) throw new KvsFailure(400, 'KEY_TOO_LONG', 'Key exceeds 500 characters.');
  if (!KEY_PATTERN.test(bare)) throw new KvsFailure(400, 'INVALID_KEY', `Key ${bare} does not match the key format.`);
}

function checkValue(value: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  if (bytes > MAX_VALUE_BYTES) throw new KvsFailure(400, 'MAX_SIZE', `Value of ${bytes} bytes exceeds 240 KiB.`);
}

function ttlMilliseconds(ttl: { value: number; unit: string }): number {
  const unit = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 }[ttl.unit] ?? 1000;
  return ttl.value * unit;
}

function matchesConditions(item: Record<string, unknown> | undefined, conditions: Record<string, any[]>): boolean {
  const [operator, clauses] = Object.entries(conditions)[0] ?? ['and', []];
  const results = clauses.map((clause) => matchesClause(item?.[clause.property], clause.condition, clause.values));
  return operator === 'or' ? results.some(Boolean) : results.every(Boolean);
}

function matchesClause(actual: unknown, condition: string, values: unknown[]): boolean {
  const [first, second] = values as [any, any];
  switch (condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'EQUAL_TO':
      return actual === first;
    case 'NOT_EQUAL_TO':
      return actual !== first;
    case 'GREATER_THAN':
      return actual !== undefined && (actual as any) > first;
    case 'GREATER_THAN_EQUAL_TO':
      return actual !== undefined && (actual as any) >= first;
    case 'LESS_THAN':
      return actual !== undefined && (actual as any) < first;
    case 'LESS_THAN_EQUAL_TO':
      return actual !== undefined && (actual as any) <= first;
    case 'BETWEEN':
      return actual !== undefined && (actual as any) >= first && (actual as any) <= second;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    default:
      throw new KvsFailure(400, 'INVALID_CONDITION', `Unknown condition ${condition}`);
  }
}
