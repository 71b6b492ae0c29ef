#!/usr/bin/env node
// Copies the backend egress addresses of manifest.yml into
// src/platform/forge/manifest-egress.ts. `forge deploy` bundles src/ but not
// the manifest, and the app needs the list at run time to reject a request to
// an undeclared host with the entry to add. Run it after editing the egress
// list; test/forge/manifest.test.ts fails while the two differ.
//
// Usage: node scripts/sync-forge-egress.mjs [--check]

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'src', 'platform', 'forge', 'manifest-egress.ts');

export function manifestEgress() {
  const manifest = YAML.parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8'));
  const entries = manifest?.permissions?.external?.fetch?.backend ?? [];
  return entries.map((entry) => (typeof entry === 'string' ? entry : entry.address)).filter(Boolean);
}

export function renderModule(addresses) {
  return [
    '// Generated from manifest.yml by scripts/sync-forge-egress.mjs; do not edit.',
    '// Run `npm run forge:egress` after changing permissions.external.fetch.backend.',
    '',
    `export const MANIFEST_EGRESS: readonly string[] = ${JSON.stringify(addresses)};`,
    '',
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const expected = renderModule(manifestEgress());
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // Missing: written below, or reported by --check.
  }

  if (process.argv.includes('--check')) {
    if (current !== expected) {
      console.error(`${path.relative(root, target)} does not match manifest.yml. Run: npm run forge:egress`);
      process.exit(1);
    }
  } else if (current !== expected) {
    writeFileSync(target, expected);
    console.log(`sync-forge-egress: wrote ${path.relative(root, target)}`);
  }
}
