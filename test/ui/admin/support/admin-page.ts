// Helpers for driving the admin page in the local host: open it as a user in
// a colour mode, record every invoke reply the page receives, and call
// resolvers directly to set up or check state.

import { join } from 'node:path';
import type { BrowserContext, FrameLocator, Page, Request } from 'playwright-core';
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

/** Taller than any admin screen, so no screen scrolls inside the iframe. */
const PINNED_FRAME_HEIGHT = 4000;

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
  // An invoke call counts as in flight from its request until its reply text
  // is in `replies` (or it failed), so settle() can wait for exactly that.
  const inFlight = new Set<Request>();
  IN_FLIGHT.set(page, inFlight);
  const isInvoke = (request: Request): boolean => new URL(request.url()).pathname === '/api/invoke';
  page.on('request', (request) => {
    if (isInvoke(request)) inFlight.add(request);
  });
  page.on('requestfailed', (request) => inFlight.delete(request));
  page.on('response', (response) => {
    if (!isInvoke(response.request())) return;
    response.text().then(
      (text) => {
        replies.push(text);
        inFlight.delete(response.request());
      },
      () => inFlight.delete(response.request()),
    );
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });

  // The shell sizes the iframe to its content whenever the app reports a new
  // height, which arrives late on a busy machine. A resize that lands between
  // Playwright locating an element and clicking it moves the element, and a
  // click that lands outside the iframe is lost without an error. So the test
  // page drops the app's resize messages before the shell sees them and gives
  // the iframe one fixed height, taller than any admin screen.
  await page.addInitScript(() => {
    if (window !== window.top) return;
    window.addEventListener('message', (event) => {
      const data = event.data as { source?: string; type?: string } | null;
      if (data?.source === 'pq-local-bridge' && data.type === 'resize') event.stopImmediatePropagation();
    });
  });
  await page.goto(host.adminPageUrl);
  await page.locator('iframe.pq-app-admin').evaluate((iframe, pixels) => ((iframe as HTMLIFrameElement).style.height = `${pixels}px`), PINNED_FRAME_HEIGHT);
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

const IN_FLIGHT = new WeakMap<Page, Set<Request>>();

/**
 * Waits until no invoke call of the page is in flight, so `replies` contains
 * the reply to every call made so far. It does not use `networkidle`, because
 * Playwright reports that state at once when the document reached it earlier,
 * whatever calls started later. That state also needs every iframe of the page
 * quiet, which on a busy machine took longer than the step's timeout.
 */
export async function settle(page: Page, timeoutMs = 20_000): Promise<void> {
  const inFlight = IN_FLIGHT.get(page);
  if (!inFlight) throw new Error('settle() needs a page opened with openAdminPage().');
  const deadline = Date.now() + timeoutMs;
  // Idle on two checks 100 ms apart, so a call the last reply set off is seen too.
  let idleChecks = 0;
  while (idleChecks < 2) {
    if (Date.now() > deadline) throw new Error(`${inFlight.size} invoke call(s) still without a reply after ${timeoutMs} ms: ${[...inFlight].map((request) => request.postData()).join(', ')}`);
    idleChecks = inFlight.size === 0 ? idleChecks + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Saves a full-page screenshot with the admin iframe grown to its content, so
 * the picture shows the whole page and not one iframe-sized window of it.
 */
export async function screenshotAdmin(admin: AdminPage, name: string): Promise<string> {
  const height = await admin.frame.locator('#root').evaluate((root) => Math.ceil(root.getBoundingClientRect().bottom + window.scrollY) + 48);
  const iframe = admin.page.locator('iframe.pq-app-admin');
  const setHeight = (pixels: number) => iframe.evaluate((element, value) => ((element as HTMLIFrameElement).style.height = `${value}px`), pixels);
  await setHeight(height);
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
    await setHeight(PINNED_FRAME_HEIGHT);
  }
}
