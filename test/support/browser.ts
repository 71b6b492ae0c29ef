// Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven
// by playwright-core. Never a downloaded browser; scripts/ensure-chromium.mjs
// installs the Debian package (or fails saying how) before the tests run.

import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Where screenshots go; git-ignored. */
export const RESULTS_DIR = resolve(import.meta.dirname, '../../test-results');

/** Finds Debian's Chromium: /usr/bin/chromium first, then `chromium` on PATH. */
export function chromiumPath(): string {
  const candidates = ['/usr/bin/chromium', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'chromium'))];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Try the next candidate.
    }
  }
  throw new Error(
    'Chromium was not found at /usr/bin/chromium or on PATH. Install it with: sudo apt-get install -y chromium (npm test runs scripts/ensure-chromium.mjs, which does this when it runs as root).',
  );
}

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (cookies, storage) per call; close it or let `close()` close all. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A new page in a fresh context. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium. Playwright's `launch` starts every browser from a
 * fresh temporary user-data dir and deletes it on close (it rejects an explicit
 * `--user-data-dir`, which belongs to `launchPersistentContext`).
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });

  const contexts: BrowserContext[] = [];
  const newContext = async (options?: BrowserContextOptions): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    contexts.push(context);
    return context;
  };

  return {
    browser,
    newContext,
    async newPage(options) {
      const context = await newContext(options);
      return context.newPage();
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/**
 * Saves a full-page screenshot as test-results/<name>.png and returns its path.
 * Chromium does not paint cross-origin iframes outside the viewport, so the
 * viewport grows to the page's height (at most 16,000 px) for the shot.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name.replace(/[^a-zA-Z0-9._-]+/g, '-')}.png`);

  const viewport = page.viewportSize();
  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport && pageHeight > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height: Math.min(pageHeight, 16_000) });
    await waitForPaint(page);
  }

  await page.screenshot({ path, fullPage: true });
  if (viewport) await page.setViewportSize(viewport);
  return path;
}

/**
 * Waits two animation frames in every frame of the page, so newly visible
 * iframes have painted. A hidden frame never runs animation frames, so each
 * wait gives up after PAINT_WAIT_MS.
 */
async function waitForPaint(page: Page): Promise<void> {
  const twoFrames = (limitMs: number): Promise<void> =>
    new Promise((resolve) => {
      setTimeout(resolve, limitMs);
      requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
    });
  const giveUp = new Promise<void>((resolve) => setTimeout(resolve, PAINT_WAIT_MS + 500));
  await Promise.race([Promise.all(page.frames().map((frame) => frame.evaluate(twoFrames, PAINT_WAIT_MS).catch(() => undefined))), giveUp]);
}

const PAINT_WAIT_MS = 1000;

/**
 * Collects console errors and uncaught page errors, so a test can assert that a
 * page loaded cleanly and print what went wrong when it did not.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}
