// Which JavaScript methods a template may call. Data from the REST API is
// plain JSON, so only side-effect-free methods of strings, numbers and lists
// are reachable, plus the methods of our own helper objects. Methods that can
// allocate without bound get their size argument checked first.

const HELPER = Symbol('TemplateHelper');

/** Marks an object whose methods templates may call, such as `$PQ`. */
export function markHelper<T extends object>(helper: T): T {
  Object.defineProperty(helper, HELPER, { value: true });
  return helper;
}

const STRING_METHODS = new Set([
  'at', 'charAt', 'charCodeAt', 'codePointAt', 'concat', 'endsWith', 'includes', 'indexOf', 'lastIndexOf',
  'localeCompare', 'normalize', 'padEnd', 'padStart', 'repeat', 'slice', 'startsWith', 'substr', 'substring',
  'toLocaleLowerCase', 'toLocaleUpperCase', 'toLowerCase', 'toUpperCase', 'trim', 'trimEnd', 'trimStart',
]);
const NUMBER_METHODS = new Set(['toFixed', 'toPrecision', 'toLocaleString']);
const LIST_METHODS = new Set(['at', 'concat', 'includes', 'indexOf', 'join', 'lastIndexOf', 'slice']);
const SIZED_METHODS = new Set(['repeat', 'padEnd', 'padStart']);

type Method = (...args: unknown[]) => unknown;

export function allowedNativeMethod(target: unknown, name: string, params: unknown[], maxChars: number): Method | undefined {
  if (name === 'constructor' || name === '__proto__') return undefined;

  if (typeof target === 'object' && target !== null && (target as Record<symbol, unknown>)[HELPER] === true) {
    const method = (target as Record<string, unknown>)[name];
    return typeof method === 'function' ? (method as Method) : undefined;
  }

  let allowed: Set<string> | undefined;
  if (typeof target === 'string') allowed = STRING_METHODS;
  else if (typeof target === 'number') allowed = NUMBER_METHODS;
  else if (Array.isArray(target)) allowed = LIST_METHODS;
  if (!allowed?.has(name)) return undefined;

  if (SIZED_METHODS.has(name)) {
    const size = Number(params[0]);
    const resultLength = name === 'repeat' ? (target as string).length * size : size;
    if (!Number.isFinite(resultLength) || resultLength > maxChars) return undefined;
  }
  return (target as Record<string, unknown>)[name] as Method;
}
