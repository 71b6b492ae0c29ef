// Finds the optional isolated-vm addon. It is a native module, so it is absent
// where packages cannot carry .node binaries (Forge's bundle) and on platforms
// without a prebuilt binary; callers then fall back to QuickJS.

export type IsolatedVmLocation = { ok: true; path: string } | { ok: false; error: unknown };

let locating: Promise<IsolatedVmLocation> | undefined;

async function resolveIsolatedVm(): Promise<IsolatedVmLocation> {
  try {
    // webpackIgnore keeps this import native, so webpack does not turn the
    // resolve below into a bundled module (and never tries to pack the .node
    // binary). In a bundle, import.meta.url is the build-time path of this
    // file, where the addon is normally absent, so resolution fails cleanly.
    const { createRequire } = await import(/* webpackIgnore: true */ 'node:module');
    return { ok: true, path: createRequire(import.meta.url).resolve('isolated-vm') };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Resolves the addon's entry file once per process. */
export function locateIsolatedVm(): Promise<IsolatedVmLocation> {
  locating ??= resolveIsolatedVm();
  return locating;
}
