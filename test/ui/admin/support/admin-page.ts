// Helpers for driving the admin page in the local host: open it as a user in
// a colour mode, record every invoke reply the page receives, and call
// resolvers directly to set up or check state.

import { join } from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { secretKey } from '../../../../src/core/entities/secret-keys';
import { openDatabase } from '../../../../src/local/store/database';
import { loadOrCreateSecretKey } from '../../../../src/local/store/secret-key';
import { SqliteSecretStore } from '../../../../src/local/store/sqlite-secret-store';
import type { LocalHost } from '../../../support/local-host';
import { screenshot, type TestBrowser } from '../../../support/browser';

export const ADMIN = 'local-admin';
export const VIEWER = 'local-viewer';

export interface AdminPage {
  context: BrowserContext;
  page: Page;
  frame: FrameLocator;
  /** Raw text of every /api/invoke response the page received, in order. */
  replies: string[];
  /** Console errors and uncaught exceptions of the page and its frames. */
  errors: string[];
}

export async function openAdminPage(
  browser: TestBrowser,
  host: LocalHost,
  options: { user?: string; colorMode?: 'light' | 'dark' } = {},
): Promise<AdminPage> {
  const context = await browser.newContext();
  await context.addCookies([
    { name: 'pq_local_user', value: options.user ?? ADMIN, url: host.url },
    { name: 'pq_local_theme', value: options.colorMode ?? 'light', url: host.url },
  ]);
  const page = await context.newPage();
  // Fail at the step that is stuck, before the test's own timeout. Generous,
  // because CI runs the other browser suites on the same two cores.
  page.setDefaultTimeout(20_000);
  const replies: string[] = [];
  const errors: string[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/api/invoke') {
      response.text().then(
        (text) => replies.push(text),
        () => undefined,
      );
    }
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });

  await page.goto(host.adminPageUrl);
  const frame = page.frameLocator('iframe.pq-app-admin');
  return { context, page, frame, replies, errors };
}

/** Calls a resolver over the local host's HTTP API as `accountId` and returns the envelope. */
export async function invokeAs<T = unknown>(host: LocalHost, accountId: string, functionKey: string, payload: Record<string, unknown> = {}): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }> {
  const response = await fetch(`${host.url}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-account-id': accountId },
    body: JSON.stringify({ functionKey, payload, context: {} }),
  });
  if (!response.ok) throw new Error(`POST /api/invoke ${functionKey} returned HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } };
}

/** Calls a resolver as the admin and returns its data, failing loudly on an error envelope. */
export async function adminCall<T>(host: LocalHost, functionKey: string, payload: Record<string, unknown> = {}): Promise<T> {
  const reply = await invokeAs<T>(host, ADMIN, functionKey, payload);
  if (!reply.ok) throw new Error(`${functionKey} failed: ${JSON.stringify(reply.error)}`);
  return reply.data as T;
}

/**
 * Reads a seeded datasource's token from the host's encrypted secret store.
 * The demo API keeps only token digests, so this is the one readable copy.
 * Tests paste it into a new datasource as an admin would.
 */
export async function storedToken(host: LocalHost, datasourceId: string): Promise<string> {
  const db = openDatabase(join(host.dataDir, 'local.sqlite'));
  try {
    const store = new SqliteSecretStore(db, loadOrCreateSecretKey(join(host.dataDir, 'secret.key')));
    const token = await store.get(secretKey(datasourceId, 'token'));
    if (!token) throw new Error(`Datasource ${datasourceId} has no stored token.`);
    return token;
  } finally {
    db.close();
  }
}

/** Replaces the whole text of the CodeMirror editor inside `testId`. */
export async function setCode(frame: FrameLocator, page: Page, testId: string, text: string): Promise<void> {
  const content = frame.getByTestId(testId).locator('.cm-content');
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  // insertText sends one input event, so bracket auto-closing and auto-indent do not alter the text.
  await page.keyboard.insertText(text);
}

/** Waits until no invoke response is in flight, so `replies` is complete. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}

/**
 * Saves a full-page screenshot with the admin iframe grown to its content, so
 * the picture shows the whole page and not one iframe-sized window of it.
 */
export async function screenshotAdmin(admin: AdminPage, name: string): Promise<string> {
  const height = await admin.frame.locator('#root').evaluate((root) => Math.ceil(root.getBoundingClientRect().bottom + window.scrollY) + 48);
  await admin.page.locator('iframe.pq-app-admin').evaluate((iframe, pixels) => {
    (iframe as HTMLIFrameElement).style.height = `${pixels}px`;
    (iframe as HTMLIFrameElement).style.maxHeight = 'none';
  }, height);
  // Chromium paints a cross-origin iframe only inside the viewport in a
  // full-page capture, so the viewport grows to the whole page first.
  const viewport = admin.page.viewportSize() ?? { width: 1280, height: 900 };
  const pageHeight = await admin.page.evaluate(() => document.documentElement.scrollHeight);
  await admin.page.setViewportSize({ width: viewport.width, height: Math.min(pageHeight, 16_000) });
  await admin.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  try {
    return await screenshot(admin.page, name);
  } finally {
    await admin.page.setViewportSize(viewport);
  }
}
