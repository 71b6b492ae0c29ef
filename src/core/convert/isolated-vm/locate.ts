// Finds the optional isolated-vm addon. It is a native module, so it is absent
// where packages cannot carry .node binaries (Forge's bundle) and on platforms
// without a prebuilt binary. Callers then fall back to QuickJS.

import { join } from 'node:path';

export type IsolatedVmLocation = { ok: true; path: string } | { ok: false; error: unknown };

// Defined by webpack inside a bundle, undefined under tsx, vitest and plain Node.
declare const __webpack_require__: unknown;

let locating: Promise<IsolatedVmLocation> | undefined;

/**
 * Lists the files to resolve the addon from. The addon belongs beside the
 * installed application: inside a webpack bundle that is the bundle file
 * itself (webpack leaves `__filename` to Node for a node target), otherwise
 * the program's entry script and the working directory. `import.meta.url` is
 * not used because webpack replaces it with the build machine's source path.
 */
function resolutionBases(): string[] {
  if (typeof __webpack_require__ === 'function') {
    return typeof __filename === 'string' ? [__filename] : [];
  }
  return [process.argv[1], join(process.cwd(), 'index.js')].filter((base): base is string => Boolean(base));
}

async function resolveIsolatedVm(): Promise<IsolatedVmLocation> {
  // webpackIgnore keeps this import native, so webpack does not turn the
  // resolve below into a bundled module (and never tries to pack the .node binary).
  const { createRequire } = await import(/* webpackIgnore: true */ 'node:module');

  let lastError: unknown = new Error('no file to resolve isolated-vm from');
  for (const base of resolutionBases()) {
    try {
      return { ok: true, path: createRequire(base).resolve('isolated-vm') };
    } catch (error) {
      lastError = error;
    }
  }
  return { ok: false, error: lastError };
}

/** Resolves the addon's entry file once per process. */
export function locateIsolatedVm(): Promise<IsolatedVmLocation> {
  locating ??= resolveIsolatedVm();
  return locating;
}
