#!/usr/bin/env node
// Bundles the Forge backend the way Forge's own bundler does: webpack with a
// Node target and ts-loader, every handler in one CommonJS file
// (dist/forge/index.cjs) that exports `handler`. Uses webpack's Node API
// because webpack-cli is not a dependency.
//
// isolated-vm is left as an external `require`. Forge cannot ship its native
// addon, so in the bundle that require fails at run time and the converter
// runtime falls back to QuickJS, as it will on Forge.
//
// Usage: node scripts/build-forge.mjs [--out DIR]

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import webpack from 'webpack';

import { manifestEgress, renderModule } from './sync-forge-egress.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(root, 'dist', 'forge');

// The bundle must know the manifest's egress list; refuse to build a bundle
// whose copy of it is stale, as `forge deploy` would silently do.
const egressModule = path.join(root, 'src', 'platform', 'forge', 'manifest-egress.ts');
if (readFileSync(egressModule, 'utf8') !== renderModule(manifestEgress())) {
  console.error('build-forge: src/platform/forge/manifest-egress.ts does not match manifest.yml. Run: npm run forge:egress');
  process.exit(1);
}

const config = {
  mode: 'production',
  target: 'node20',
  context: root,
  entry: { index: './src/index.ts' },
  output: {
    path: outDir,
    filename: 'index.cjs',
    library: { type: 'commonjs2' },
    chunkFormat: 'commonjs',
    clean: true,
  },
  devtool: 'source-map',
  resolve: {
    extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'],
  },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        loader: 'ts-loader',
        options: {
          transpileOnly: true,
          configFile: path.join(root, 'tsconfig.json'),
          compilerOptions: { noEmit: false, module: 'esnext', sourceMap: true },
        },
      },
    ],
  },
  externals: { 'isolated-vm': 'commonjs isolated-vm' },
  // Readable output makes stack traces in Forge logs usable; size is not a constraint here.
  optimization: { minimize: false },
  plugins: [
    // One file, like Forge's bundle: dynamic imports are inlined.
    new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
  ],
  performance: { hints: false },
  stats: 'errors-warnings',
};

const started = Date.now();
const stats = await new Promise((resolve, reject) => {
  webpack(config, (error, result) => (error ? reject(error) : resolve(result)));
});

const info = stats.toJson({ all: false, errors: true, warnings: true, assets: true });
for (const warning of info.warnings ?? []) console.warn(`warning: ${warning.message}`);
if (stats.hasErrors()) {
  for (const error of info.errors ?? []) console.error(`error: ${error.message}`);
  console.error('build-forge: failed');
  process.exit(1);
}

const bundle = info.assets?.find((asset) => asset.name === 'index.cjs');
console.log(`build-forge: ${path.relative(root, path.join(outDir, 'index.cjs'))} (${Math.round((bundle?.size ?? 0) / 1024)} KiB) in ${Date.now() - started} ms`);
