// The Forge bundle end to end. scripts/build-forge.mjs builds it the way
// Forge's bundler does, and a separate Node process loads it from a folder
// without node_modules, so isolated-vm cannot load, as on Forge. The process
// drives the exported `handler` with the Forge invocation shape, with the
// platform emulated and a local HTTPS server as the upstream API.

import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fixtureRoute, startTestServer, type TestServer } from '../support/https-server';
import { isBuildFresh, type BuildInputs } from './support/build-freshness';

const root = path.resolve(import.meta.dirname, '../..');
const runner = path.join(import.meta.dirname, 'support', 'bundle-runner.ts');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Result = Record<string, any>;

/** What the bundle is built from. */
const BUNDLE_INPUTS: BuildInputs = {
  folders: [path.join(root, 'src')],
  files: ['manifest.yml', 'package-lock.json', 'tsconfig.json', 'scripts/build-forge.mjs', 'scripts/sync-forge-egress.mjs'].map((name) => path.join(root, name)),
};

/**
 * Puts the bundle into workDir and returns its path. `npm test` builds
 * dist/forge/index.cjs first, so that file is reused while it is newer than
 * every input. Otherwise, as when this file runs alone after an edit, the
 * bundle is built. It is copied because next to the project's node_modules
 * isolated-vm would load, which it cannot do on Forge.
 */
async function prepareBundle(workDir: string): Promise<string> {
  const target = path.join(workDir, 'index.cjs');
  const built = path.join(root, 'dist', 'forge', 'index.cjs');
  if (isBuildFresh(built, BUNDLE_INPUTS)) {
    copyFileSync(built, target);
  } else {
    await promisify(execFile)(process.execPath, [path.join(root, 'scripts', 'build-forge.mjs'), '--out', workDir], { cwd: root });
  }
  return target;
}

async function runBundle(bundle: string, server: TestServer, workDir: string): Promise<Result> {
  const caPath = path.join(workDir, 'upstream-ca.pem');
  writeFileSync(caPath, server.certPem);
  const tsx = pathToFileURL(fileURLToPath(import.meta.resolve('tsx'))).href;

  const child = spawn(process.execPath, ['--import', tsx, runner], {
    cwd: workDir,
    env: {
      PATH: process.env.PATH,
      PQ_BUNDLE: bundle,
      PQ_UPSTREAM_PORT: String(server.port),
      PQ_UPSTREAM_CA: caPath,
      PQ_EXAMPLES_DIR: path.join(root, 'examples'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

  const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
  if (code !== 0 || !line) throw new Error(`bundle runner exited with ${code}\n${stderr}\n${stdout}`);
  // The result line itself quotes what the upstream received, token included.
  const logs = stdout.split('\n').filter((text) => !text.startsWith('RESULT ')).join('\n') + stderr;
  return { ...JSON.parse(line.slice('RESULT '.length)), logs };
}

describe('Forge bundle', () => {
  let workDir: string;
  let server: TestServer;
  let result: Result;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'pq-forge-bundle-'));
    const bundle = await prepareBundle(workDir);
    server = await startTestServer({ routes: { 'GET /rest/api/2/search': fixtureRoute('jira_v2_search_server_11issues_jira-ruby.json') } });
    result = await runBundle(bundle, server, workDir);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('refuses a host the manifest does not declare', () => {
    expect(result.undeclared).toMatchObject({ ok: false, error: { code: 'EGRESS_NOT_DECLARED', details: { egressEntry: 'https://jira.example.test' } } });
  });

  it('runs a query end to end with QuickJS', () => {
    expect(result.run.error).toBeUndefined();
    expect(result.run.ok).toBe(true);
    expect(result.run.data.engine).toBe('quickjs');
    expect(result.run.data.charts).toHaveLength(1);
    expect(result.run.data.charts[0].type).toBe('bar');
  });

  it('sends the token to the upstream once', () => {
    expect(result.upstream).toEqual([{ url: 'https://jira.example.test/rest/api/2/search?jql=project%3DSAMPLEPROJECT', authorization: 'Bearer bundle-token-6d2e' }]);
    expect(server.requests).toHaveLength(1);
  });

  it('serves the second run from the KVS cache', () => {
    expect(result.cached.ok).toBe(true);
    expect(result.cached.data.cache.hit).toBe(true);
  });

  it('refuses admin keys to viewers', () => {
    expect(result.forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('tests converters with QuickJS', () => {
    expect(result.converterTest).toMatchObject({ ok: true, data: { output: [{ n: 3 }], engine: 'quickjs' } });
  });

  it('stores records in KVS and the token as a secret', () => {
    const entityKeys = result.kvsKeys.filter((key: string) => /^rec:(datasource|query|converter|template):/.test(key));
    expect(entityKeys).toHaveLength(4);
    expect(result.secretKeys).toHaveLength(1);
    expect(result.tokenInPlainStorage).toBe(false);
  });

  it('logs no secret', () => {
    expect(result.logs).toContain('"event":"http.response"');
    expect(result.logs).not.toContain('bundle-token-6d2e');
  });
});
