// When the Forge bundle test may reuse the bundle that `npm test` built.

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { isBuildFresh, type BuildInputs } from './support/build-freshness';

describe('isBuildFresh', () => {
  let dir: string;
  let inputs: BuildInputs;
  let output: string;

  // Writes a file with a modification time in seconds since the epoch.
  function write(file: string, seconds: number): void {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
    utimesSync(file, seconds, seconds);
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pq-freshness-'));
    inputs = { folders: [path.join(dir, 'src')], files: [path.join(dir, 'manifest.yml'), path.join(dir, 'absent.json')] };
    output = path.join(dir, 'dist', 'index.cjs');
    write(path.join(dir, 'src', 'a.ts'), 1000);
    write(path.join(dir, 'src', 'deep', 'b.ts'), 1000);
    write(path.join(dir, 'manifest.yml'), 1000);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reuses a newer output', () => {
    write(output, 2000);
    expect(isBuildFresh(output, inputs)).toBe(true);
  });

  it('rebuilds without an output', () => {
    expect(isBuildFresh(output, inputs)).toBe(false);
  });

  it('rebuilds after a nested source edit', () => {
    write(output, 2000);
    write(path.join(dir, 'src', 'deep', 'b.ts'), 3000);
    expect(isBuildFresh(output, inputs)).toBe(false);
  });

  it('rebuilds after a manifest edit', () => {
    write(output, 2000);
    write(path.join(dir, 'manifest.yml'), 3000);
    expect(isBuildFresh(output, inputs)).toBe(false);
  });
});
