// Builds the converter module into one CommonJS file with webpack (target
// node, as Forge's bundler does). Then runs it in a plain node process from a
// directory without node_modules, the way a Forge function starts. isolated-vm
// cannot be found there, so the bundle must fall back to QuickJS on its own.
// The config has no externals and no loader for workers or .wasm files: the
// converter module needs none.

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpack from 'webpack';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

function build(outputDirectory: string): Promise<webpack.Stats> {
  const compiler = webpack({
    mode: 'production',
    target: 'node',
    context: root,
    entry: './test/convert/bundle-entry.ts',
    output: { path: outputDirectory, filename: 'index.cjs', library: { type: 'commonjs2' } },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true, configFile: join(root, 'tsconfig.json') } }],
    },
    optimization: { minimize: false },
    devtool: false,
  });
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error || !stats) reject(error ?? new Error('webpack returned no stats'));
      else resolve(stats);
    });
  });
}

describe('converter module in a webpack bundle', () => {
  let outputDirectory: string;
  let stats: webpack.Stats;

  beforeAll(async () => {
    outputDirectory = mkdtempSync(join(tmpdir(), 'pq-convert-bundle-'));
    stats = await build(outputDirectory);
  }, 120_000);

  afterAll(() => {
    rmSync(outputDirectory, { recursive: true, force: true });
  });

  it('builds without errors or warnings', () => {
    const json = stats.toJson({ all: false, errors: true, warnings: true });
    expect(json.errors).toEqual([]);
    expect(json.warnings).toEqual([]);
  });

  it('emits a single file', () => {
    expect(readdirSync(outputDirectory)).toEqual(['index.cjs']);
  });

  it('ignores isolated-vm outside the bundle', async () => {
    const { stdout } = await run(process.execPath, [join(root, 'test', 'convert', 'run-bundle.cjs'), join(outputDirectory, 'index.cjs')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toMatchObject({ engine: 'quickjs' });
  });

  it('runs converters on QuickJS', async () => {
    const { stdout } = await run(process.execPath, [join(outputDirectory, 'index.cjs')], {
      cwd: outputDirectory,
      env: { PATH: process.env.PATH ?? '' },
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toEqual({ engine: 'quickjs', value: [{ Type: 'Bug', Issues: 2 }], failure: 'CONVERTER_TIMEOUT' });
  });
});
