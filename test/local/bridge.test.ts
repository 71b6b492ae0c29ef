// The global bridge and the shell, driven by the real @forge/bridge inside a
// probe app (test/local/placeholder-app) in headless Chromium.

import { rmSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { startLocalHost, type LocalHost } from '../support/local-host';
import { buildPlaceholderBundles } from './placeholder-bundle';

// Pages with several iframes render in seconds, more on a loaded two-core machine.
const BROWSER_TEST_TIMEOUT_MS = 90_000;

let host: LocalHost;
let browser: TestBrowser;
let staticDir: string;

beforeAll(async () => {
  staticDir = await buildPlaceholderBundles();
  host = await startLocalHost({ staticDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  host?.cleanup();
  if (staticDir) rmSync(staticDir, { recursive: true, force: true });
});

async function frameOf(page: Page, frameId: string): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe[data-frame-id="${frameId}"]`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`iframe ${frameId} has no frame`);
  await frame.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  return frame;
}

async function readJson<T>(frame: Frame, id: string): Promise<T> {
  const text = await frame.textContent(`#${id}`);
  return JSON.parse(text ?? 'null') as T;
}

interface ProbeContext {
  accountId: string;
  localId: string;
  moduleKey: string;
  locale: string;
  theme: { colorMode: string };
  extension: { type: string; content?: { id: string }; space?: { key: string }; config?: { queryId?: string; parameters?: Record<string, string> }; isEditing?: boolean; macro?: { isInserting: boolean } };
}

describe('frame bridge', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('gives a macro its Forge context', async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(host.demoPageUrl);
    const frame = await frameOf(page, 'macro-1');

    const context = await readJson<ProbeContext>(frame, 'context');
    expect(context.moduleKey).toBe('rest-data');
    expect(context.accountId).toBe('local-admin');
    expect(context.locale).toBe('en-US');
    expect(context.theme.colorMode).toBe('light');
    expect(context.extension.type).toBe('macro');
    expect(context.extension.content?.id).toBe('1001');
    expect(context.extension.space?.key).toBe('DEMO');
    expect(context.extension.isEditing).toBe(false);
    expect(context.localId).toBe('demo-issues-per-type');
    expect(context.extension.config?.queryId).toMatch(/[0-9a-f-]{36}/);
    // Failed invoke calls show up as resource errors; script errors and CSP violations must not.
    expect(errors.filter((error) => !error.includes('Failed to load resource'))).toEqual([]);
  });

  it('takes locale and time zone from the URL', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.demoPageUrl}?locale=ko-KR&tz=Asia/Seoul`);
    const context = await readJson<ProbeContext & { timezone: string }>(await frameOf(page, 'macro-1'), 'context');
    expect(context.locale).toBe('ko-KR');
    expect(context.timezone).toBe('Asia/Seoul');

    await page.goto(`${host.demoPageUrl}?locale=not_a_locale!&tz=Mars/Base`);
    const fallback = await readJson<ProbeContext & { timezone: string }>(await frameOf(page, 'macro-1'), 'context');
    expect(fallback.locale).toBe('en-US');
    expect(fallback.timezone).not.toBe('Mars/Base');
  });

  it('answers requestConfluence as the selected user', async () => {
    const page = await browser.newPage();
    await page.goto(host.demoPageUrl);
    const frame = await frameOf(page, 'macro-1');

    const me = await readJson<{ status: number; body: { accountId: string; operations: { operation: string; targetType: string }[] } }>(frame, 'me');
    expect(me.status).toBe(200);
    expect(me.body.accountId).toBe('local-admin');
    expect(me.body.operations).toContainEqual({ operation: 'administer', targetType: 'application' });

    const pageInfo = await readJson<{ status: number; body: { id: string; title: string; spaceId: string } }>(frame, 'page');
    expect(pageInfo.body).toMatchObject({ id: '1001', title: 'Team dashboard', spaceId: '98001' });
  });

  it('switches to the viewer', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(host.demoPageUrl);
    await page.selectOption('#pq-user', 'local-viewer');
    await page.waitForLoadState('load');
    const frame = await frameOf(page, 'macro-1');

    const me = await readJson<{ body: { accountId: string; operations: { operation: string }[] } }>(frame, 'me');
    expect(me.body.accountId).toBe('local-viewer');
    expect(me.body.operations.map((operation) => operation.operation)).not.toContain('administer');
    expect((await readJson<ProbeContext>(frame, 'context')).accountId).toBe('local-viewer');
  });

  it('applies and switches the theme', async () => {
    const page = await browser.newPage();
    await page.goto(host.demoPageUrl);
    const frame = await frameOf(page, 'macro-1');
    expect(await frame.getAttribute('html', 'data-color-mode')).toBe('light');
    const lightBackground = await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim());
    expect(lightBackground).not.toBe('');

    expect(await page.textContent('#pq-theme-toggle')).toBe('Dark theme');
    await page.click('#pq-theme-toggle');
    await expect.poll(() => frame.getAttribute('html', 'data-color-mode')).toBe('dark');
    expect(await page.textContent('#pq-theme-toggle')).toBe('Light theme');
    const darkBackground = await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim());
    expect(darkBackground).not.toBe(lightBackground);
    await screenshot(page, 'local-bridge-dark');
  });

  it('resizes the iframe to its content', async () => {
    const page = await browser.newPage();
    await page.goto(host.demoPageUrl);
    const frame = await frameOf(page, 'macro-2');
    const iframe = page.locator('iframe[data-frame-id="macro-2"]');
    const before = (await iframe.boundingBox())?.height ?? 0;

    await frame.click('#grow');
    await expect.poll(async () => (await iframe.boundingBox())?.height ?? 0).toBeGreaterThan(before + 800);
  });

  it('navigates the page through the router', async () => {
    const page = await browser.newPage();
    await page.goto(host.demoPageUrl);
    const frame = await frameOf(page, 'macro-1');
    await Promise.all([page.waitForURL('**/pages/1002'), frame.click('#navigate')]);
    expect(await page.textContent('h1')).toBe('More examples');
  });

  it('refuses navigation to a script URL', async () => {
    const page = await browser.newPage();
    await page.goto(host.demoPageUrl);
    const frame = await frameOf(page, 'macro-1');
    await frame.click('#navigate-script');
    const result = await readJson<{ ok: boolean; error: string }>(frame, 'navigate-script-result');
    expect(result.ok).toBe(false);
    expect(result.error).toContain('javascript: URL is not allowed');
    expect(await page.title()).not.toBe('escaped');
  });

  it('keeps product calls inside the product API', async () => {
    const page = await browser.newPage();
    await page.goto(host.demoPageUrl);
    const frame = await frameOf(page, 'macro-1');
    await frame.click('#product-escape');
    const result = await readJson<{ ok: boolean; error: string }>(frame, 'product-escape-result');
    expect(result.ok).toBe(false);
    expect(result.error).toContain('leaves the confluence API');
  });

  it('refuses submit outside the config dialog', async () => {
    const page = await browser.newPage();
    await page.goto(host.demoPageUrl);
    const frame = await frameOf(page, 'macro-1');
    await frame.click('#submit');
    const result = await readJson<{ ok: boolean; error: string }>(frame, 'submit-result');
    expect(result.ok).toBe(false);
    expect(result.error).toContain('not submittable');
  });
});

describe('config dialog', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('saves the submitted config into the page', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.url}/wiki/spaces/DEMO/pages/1002`);
    await page.click('#pq-edit-toggle');
    await page.click('[data-edit-macro="macro-2"]');
    const dialogFrameHandle = await page.waitForSelector('#pq-config-dialog iframe');
    const frameId = (await dialogFrameHandle.getAttribute('data-frame-id')) ?? '';
    const frame = await frameOf(page, frameId);

    const context = await readJson<ProbeContext>(frame, 'context');
    expect(context.extension.isEditing).toBe(true);
    expect(context.extension.macro?.isInserting).toBe(false);
    expect(context.extension.config?.parameters).toEqual({ project: 'SLING' });

    await frame.click('#submit-flat');
    const flat = await readJson<{ ok: boolean; error: string }>(frame, 'submit-flat-result');
    expect(flat.ok).toBe(false);
    expect(flat.error).toContain('expected object');

    await frame.click('#submit');
    await expect.poll(() => page.locator('#pq-config-dialog').evaluate((dialog) => (dialog as HTMLDialogElement).open)).toBe(false);

    const stored = await fetch(`${host.url}/api/pages/1002`, { headers: { 'x-local-account-id': 'local-admin' } });
    const body = (await stored.json()) as { document: { macros: { localId: string; config: unknown }[] } };
    expect(body.document.macros[1]).toMatchObject({ localId: 'sling-open', config: { queryId: 'probe-query', parameters: { project: 'SLING' } } });

    const macroFrame = await frameOf(page, 'macro-2');
    await expect.poll(async () => (await readJson<ProbeContext>(macroFrame, 'context')).extension.config?.queryId).toBe('probe-query');
  });

  it('inserts a macro', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.url}/wiki/spaces/DEMO/pages/1002`);
    const before = await page.locator('section.pq-macro').count();
    await page.click('#pq-edit-toggle');
    await page.click('#pq-insert-macro');
    const handle = await page.waitForSelector('#pq-config-dialog iframe');
    const frame = await frameOf(page, (await handle.getAttribute('data-frame-id')) ?? '');
    expect((await readJson<ProbeContext>(frame, 'context')).extension.macro?.isInserting).toBe(true);

    await Promise.all([page.waitForEvent('load'), frame.click('#submit')]);
    await expect.poll(() => page.locator('section.pq-macro').count()).toBe(before + 1);
  });
});
