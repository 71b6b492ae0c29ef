// Finds the optional isolated-vm addon. It is a native module, so it is absent
// where packages cannot carry .node binaries (Forge's bundle) and on platforms
// without a prebuilt binary. Callers then fall back to QuickJS.

import { join } from 'node:path';

export type IsolatedVmLocation = { ok: true; path: string } | { ok: false; error: unknown };

let locating: Promise<IsolatedVmLocation> | undefined;

/**
 * Resolves from the program's entry script, then from the working directory:
 * the addon belongs to the installed application, not to wherever this file
 * was compiled from. In a webpack bundle `import.meta.url` would be the build
 * machine's source path, so it is deliberately not used.
 */
async function resolveIsolatedVm(): Promise<IsolatedVmLocation> {
  // webpackIgnore keeps this import native, so webpack does not turn the
  // resolve below into a bundled module (and never tries to pack the .node binary).
  const { createRequire } = await import(/* webpackIgnore: true */ 'node:module');
  const bases = [process.argv[1], join(process.cwd(), 'index.js')].filter((base): base is string => Boolean(base));

  let lastError: unknown = new Error('no entry script or working directory to resolve from');
  for (const base of bases) {
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
