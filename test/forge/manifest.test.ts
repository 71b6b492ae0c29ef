// manifest.yml passes @forge/manifest's full offline validation, the check
// `forge deploy` runs before uploading, and declares what the app relies on.

import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

interface ValidationProblem {
  message: string;
  reference: string;
  level: 'error' | 'warning';
  line?: number;
}

/**
 * Warnings the full validation reports for this manifest, each with the
 * reason it stays. docs/forge.md lists the same set; keep both in step.
 */
const ACCEPTED_WARNINGS: string[] = [];

// The validator resolves handler files and resource paths against the
// working directory. It runs in a copy of the manifest next to a link to
// src/ and empty resource directories, so the result does not depend on
// whether the UI bundles were built before this test.
async function validateManifest(): Promise<ValidationProblem[]> {
  const { ProcessorBuilder, ValidationTypes } = require('@forge/manifest');
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'pq-manifest-'));
  const previousCwd = process.cwd();
  try {
    cpSync(path.join(root, 'manifest.yml'), path.join(workDir, 'manifest.yml'));
    symlinkSync(path.join(root, 'src'), path.join(workDir, 'src'));
    for (const resource of manifest().resources) {
      mkdirSync(path.join(workDir, resource.path), { recursive: true });
      writeFileSync(path.join(workDir, resource.path, 'index.html'), '<!doctype html><title>placeholder</title>');
    }
    process.chdir(workDir);
    const result = await ProcessorBuilder.instance()
      .withValidation(ValidationTypes.FULL)
      .withOptions({ deprecatedRuntimes: ['nodejs20.x'] })
      .build()
      .process(path.join(workDir, 'manifest.yml'));
    return result.errors as ValidationProblem[];
  } finally {
    process.chdir(previousCwd);
    rmSync(workDir, { recursive: true, force: true });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function manifest(): any {
  return YAML.parse(require('node:fs').readFileSync(path.join(root, 'manifest.yml'), 'utf8'));
}

describe('manifest.yml', () => {
  let problems: ValidationProblem[];

  beforeAll(async () => {
    problems = await validateManifest();
  });

  it('has no validation errors', () => {
    expect(problems.filter((problem) => problem.level === 'error')).toEqual([]);
  });

  it('has only the documented warnings', () => {
    expect(problems.filter((problem) => problem.level === 'warning').map((problem) => problem.reference)).toEqual(ACCEPTED_WARNINGS);
  });

  it('runs on Node 22', () => {
    expect(manifest().app.runtime.name).toBe('nodejs22.x');
  });

  it('gives UI resolvers no timeoutSeconds', () => {
    for (const fn of manifest().modules.function) expect(fn.timeoutSeconds).toBeUndefined();
  });

  it('points every module at the one handler', () => {
    const modules = manifest().modules;
    expect(modules.function).toEqual([{ key: 'resolver', handler: 'index.handler' }]);
    expect(modules.macro[0].resolver).toEqual({ function: 'resolver' });
    expect(modules['confluence:globalSettings'][0].resolver).toEqual({ function: 'resolver' });
  });

  it('configures the macro in its own resource', () => {
    const macro = manifest().modules.macro[0];
    expect(macro.resource).toBe('macro');
    expect(macro.config).toMatchObject({ resource: 'macro-config', openOnInsert: true });
  });

  it('uses the admin page as the app configuration', () => {
    expect(manifest().modules['confluence:globalSettings'][0]).toMatchObject({ resource: 'admin', useAsConfig: true });
  });

  it('maps resources to the UI build folders', () => {
    expect(manifest().resources).toEqual([
      { key: 'macro', path: 'static/macro/build' },
      { key: 'macro-config', path: 'static/config/build' },
      { key: 'admin', path: 'static/admin/build' },
    ]);
  });

  it('asks only for the scopes the checks use', () => {
    expect(manifest().permissions.scopes).toEqual(['storage:app', 'read:confluence-user', 'read:page:confluence', 'read:space:confluence']);
  });

  it('declares egress as address objects', () => {
    expect(manifest().permissions.external.fetch.backend).toEqual([{ address: '*.atlassian.net' }]);
  });

  it('matches the egress copy in the source', async () => {
    const { MANIFEST_EGRESS } = await import('../../src/platform/forge/manifest-egress');
    const addresses = manifest().permissions.external.fetch.backend.map((entry: { address: string }) => entry.address);
    expect(MANIFEST_EGRESS, 'src/platform/forge/manifest-egress.ts is stale: run npm run forge:egress').toEqual(addresses);
  });

  it('declares the version guard entity', () => {
    expect(manifest().app.storage.entities).toEqual([{ name: 'record-version', attributes: { version: { type: 'integer' } } }]);
  });
});
