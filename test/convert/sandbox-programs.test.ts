import { describe, expect, it } from 'vitest';
// @ts-expect-error The generator is a plain ES module without type declarations.
import { buildChildSource, buildWorkerSource, sha256 } from '../../src/core/convert/build-sandbox-programs.mjs';
import { quickJsWorkerSource } from '../../src/core/convert/quickjs/worker-source';
import { ISOLATED_VM_CHILD_SOURCE, QUICKJS_WORKER_SOURCE_SHA256 } from '../../src/core/convert/sandbox-programs.generated';

const REGENERATE = 'stale: run node src/core/convert/build-sandbox-programs.mjs';

describe('sandbox-programs.generated', () => {
  it('matches worker-main.cjs and the QuickJS packages', () => {
    const fresh = buildWorkerSource() as string;
    expect(sha256(fresh), REGENERATE).toBe(QUICKJS_WORKER_SOURCE_SHA256);
    expect(sha256(quickJsWorkerSource())).toBe(QUICKJS_WORKER_SOURCE_SHA256);
  });

  it('matches child-main.cjs', () => {
    expect(ISOLATED_VM_CHILD_SOURCE, REGENERATE).toBe(buildChildSource());
  });
});
