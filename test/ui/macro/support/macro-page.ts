// Opens the built macro view or configuration dialog in a fresh page with the
// stub bridge installed.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../../../support/browser';
import { installStubBridge, type StubBridge, type StubBridgeOptions } from './stub-bridge';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** Fails with the command to run when the front ends were not built, instead of a blank page. */
export function assertBuilt(): void {
  for (const name of ['macro', 'config']) {
    if (!existsSync(resolve(ROOT, `static/${name}/build/index.html`))) {
      throw new Error(`static/${name}/build is missing. Run: npx vite build -c static/${name}/vite.config.ts (or npm run build:ui).`);
    }
  }
}

export interface OpenedPage {
  page: Page;
  bridge: StubBridge;
  /** Uncaught errors and console errors seen so far. */
  errors: string[];
}

export async function openFrontEnd(
  browser: TestBrowser,
  serverUrl: string,
  frontEnd: 'macro' | 'config',
  options: StubBridgeOptions & { viewport?: { width: number; height: number } },
): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 900, height: 700 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });

  const bridge = await installStubBridge(page, options);
  await page.goto(`${serverUrl}/${frontEnd}/index.html`);
  return { page, bridge, errors };
}
