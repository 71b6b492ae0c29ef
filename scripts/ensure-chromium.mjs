#!/usr/bin/env node
// Makes sure Debian's Chromium is installed before the browser tests run.
// The tests drive /usr/bin/chromium through playwright-core and never download
// a browser, so a missing Chromium must be installed from the distribution or
// reported; skipping the browser tests silently would hide failures.

import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const INSTALL_HINT = 'Install it with: sudo apt-get update && sudo apt-get install -y chromium';

/** Returns the path of an executable Chromium, or undefined. */
function findChromium() {
  const candidates = ['/usr/bin/chromium'];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir) candidates.push(join(dir, 'chromium'));
  }

  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next directory.
    }
  }
  return undefined;
}

function hasApt() {
  return spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function installWithApt() {
  console.log('ensure-chromium: Chromium is missing; installing the Debian package "chromium" with apt-get.');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
}

function main() {
  const found = findChromium();
  if (found) {
    console.log(`ensure-chromium: using ${found}`);
    return;
  }

  if (!isRoot() || !hasApt()) {
    const why = !hasApt() ? 'apt-get is not available' : 'this process is not running as root';
    console.error(`ensure-chromium: Chromium was not found at /usr/bin/chromium or on PATH, and ${why}.`);
    console.error(`ensure-chromium: ${INSTALL_HINT}`);
    console.error('ensure-chromium: the browser tests need it; they do not download a browser.');
    process.exit(1);
  }

  try {
    installWithApt();
  } catch (error) {
    console.error(`ensure-chromium: apt-get failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`ensure-chromium: ${INSTALL_HINT}`);
    process.exit(1);
  }

  const installed = findChromium();
  if (!installed) {
    console.error('ensure-chromium: apt-get finished but no chromium executable was found afterwards.');
    console.error(`ensure-chromium: ${INSTALL_HINT}`);
    process.exit(1);
  }
  console.log(`ensure-chromium: installed ${installed}`);
}

main();
