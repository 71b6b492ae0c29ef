// Builds the bridge probe app (test/local/placeholder-app) with Vite, the way
// the real front ends are built (base './'), and lays it out as
// <dir>/{macro,config,admin}/build so the host can serve it in place of the
// app's bundles.

import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export async function buildPlaceholderBundles(): Promise<string> {
  const staticDir = mkdtempSync(join(tmpdir(), 'pq-placeholder-'));
  const outDir = join(staticDir, 'macro', 'build');
  await build({
    root: resolve(import.meta.dirname, 'placeholder-app'),
    base: './',
    logLevel: 'silent',
    configFile: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  });
  for (const resource of ['config', 'admin']) {
    mkdirSync(join(staticDir, resource), { recursive: true });
    cpSync(outDir, join(staticDir, resource, 'build'), { recursive: true });
  }
  return staticDir;
}
