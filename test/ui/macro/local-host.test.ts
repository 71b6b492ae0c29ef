// The macro on the local host, with the real resolvers, the demo REST API and
// the Confluence-like shell. The demo page's table sorts and pages, and charts
// draw their points. Viewer parameters and the config dialog change what the
// page shows, errors are worded per role, and hostile REST data runs nothing.

import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TestBrowser } from '../../support/browser';
import { sendJson, startTestServer, type TestServer } from '../../support/https-server';
import { startLocalHost, type LocalHost } from '../../support/local-host';
import { ERROR_TEXTS } from '../../../static/shared/src/error-text';
import { assertBuilt } from './support/macro-page';
import { HTML_PAYLOADS, TEXT_PAYLOADS } from './support/xss-payloads';

const ADMIN = 'local-admin';
const VIEWER = 'local-viewer';
const XSS_PAGE_ID = '1002';

let host: LocalHost;
let browser: TestBrowser;
let hostile: TestServer;

async function invoke<T>(functionKey: string, payload: unknown): Promise<T> {
  const response = await fetch(`${host.url}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-account-id': ADMIN },
    body: JSON.stringify({ functionKey, payload }),
  });
  const body = (await response.json()) as { ok: boolean; data: T; error?: unknown };
  if (!body.ok) throw new Error(`${functionKey} failed: ${JSON.stringify(body.error)}`);
  return body.data;
}

async function openAs(user: string, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.addCookies([{ name: 'pq_local_user', value: user, url: host.url }]);
  const page = await context.newPage();
  await page.goto(`${host.url}${path}`);
  return page;
}

async function macroFrame(page: Page, localId: string): Promise<Frame> {
  const handle = await page.waitForSelector(`section[data-local-id="${localId}"] iframe`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`The macro ${localId} has no frame.`);
  return frame;
}

/**
 * Waits until every app iframe on the page (macros and the config dialog) has
 * the height the frame bridge measures for its content, so no resize is
 * pending. Until then a late resize can move a frame between Playwright
 * locating an element and clicking it, and a click that lands outside the
 * frame is lost without an error.
 */
async function waitForLayout(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const gaps = await Promise.all(
          (await page.locator('iframe[data-frame-id]').elementHandles()).map(async (handle) => {
            const applied = parseFloat(await handle.evaluate((iframe) => (iframe as HTMLIFrameElement).style.height));
            // The same measurement as reportHeight() in the frame bridge.
            const measured = await (await handle.contentFrame())
              ?.evaluate(() => {
                const style = getComputedStyle(document.body);
                return Math.ceil(Math.max(document.body.scrollHeight, document.body.getBoundingClientRect().height) + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
              })
              .catch(() => undefined);
            return measured === undefined || Number.isNaN(applied) ? Infinity : Math.abs(applied - Math.max(40, measured));
          }),
        );
        return Math.max(0, ...gaps);
      },
      { timeout: 20_000 },
    )
    .toBeLessThanOrEqual(2);
}

beforeAll(async () => {
  assertBuilt();
  hostile = await startTestServer({
    protocol: 'http',
    routes: {
      '/rows': ({ res }) => sendJson(res, 200, [...TEXT_PAYLOADS, ...Object.values(HTML_PAYLOADS)].map((payload, index) => ({ payload, index }))),
    },
  });
  [host, browser] = await Promise.all([startLocalHost({ privateHostsAllowed: [`127.0.0.1:${hostile.port}`] }), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  host?.cleanup();
  await hostile?.close();
});

describe('macro on the local host', () => {
  it('demo table sorts and pages', async () => {
    const page = await openAs(ADMIN, '/wiki/spaces/DEMO/pages/1001');
    const frame = await macroFrame(page, 'demo-projects');
    await frame.waitForSelector('[data-total-rows="567"]', { timeout: 20_000 });

    expect(await frame.locator('.pq-pager-range').textContent()).toBe('1–25 of 567');
    await frame.getByRole('button', { name: 'Next page' }).click();
    expect(await frame.locator('.pq-pager-range').textContent()).toBe('26–50 of 567');

    await frame.locator('.pq-pager-size select').selectOption('250');
    await frame.getByRole('button', { name: 'key' }).click();
    await frame.getByRole('button', { name: 'key' }).click();
    const keys = await frame.locator('.pq-grid tbody td:first-child').allTextContents();
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    expect(keys).toHaveLength(250);
    expect(keys).toEqual([...keys].sort((a, b) => collator.compare(b, a)));
    expect(await frame.locator('th', { hasText: 'key' }).getAttribute('aria-sort')).toBe('descending');
    expect(await frame.locator('.pq-pager-page').textContent()).toBe('Page 1 of 3');
  });

  it('chart canvas holds the data points', async () => {
    const page = await openAs(ADMIN, '/wiki/spaces/DEMO/pages/1001');
    const frame = await macroFrame(page, 'demo-velocity');
    const chart = frame.locator('.pq-chart[data-rendered-elements]');
    await chart.waitFor({ timeout: 20_000 });

    // Three sprints, committed and completed: six bars, and the hidden table has the same values.
    expect(await chart.getAttribute('data-rendered-elements')).toBe('6');
    expect(await chart.getAttribute('data-point-count')).toBe('6');
    expect(await chart.locator('table.pq-sr-only tbody tr').count()).toBe(3);
    expect(await chart.locator('canvas').getAttribute('aria-label')).toContain('6 data points');
  });

  it('viewer parameter reruns in place', async () => {
    const page = await openAs(VIEWER, '/wiki/spaces/DEMO/pages/1001');
    const frame = await macroFrame(page, 'demo-open-issues');
    await frame.waitForSelector('.pq-grid tbody tr', { timeout: 20_000 });
    expect(await frame.textContent('.pq-grid tbody')).toContain('SAMPLEPROJECT-13');

    await waitForLayout(page);
    await frame.locator('#viewer-project').fill('SLING');
    await frame.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => frame.textContent('.pq-grid tbody'), { timeout: 20_000 }).toContain('SLING-');
    expect(await frame.textContent('.pq-grid tbody')).not.toContain('SAMPLEPROJECT-13');
  });

  it('config dialog changes the macro', async () => {
    const page = await openAs(ADMIN, '/wiki/spaces/DEMO/pages/1002');
    const before = await macroFrame(page, 'sling-open');
    await before.waitForSelector('.pq-grid tbody tr', { timeout: 20_000 });
    expect(await before.textContent('.pq-grid tbody')).toContain('SLING-');

    await page.click('#pq-edit-toggle');
    await page.click('section[data-local-id="sling-open"] [data-edit-macro]');
    const dialog = (await (await page.waitForSelector('#pq-config-dialog iframe')).contentFrame())!;
    // The dialog opens on the saved config and previews it; interact once that has settled.
    await dialog.waitForSelector('.pq-picker-option[aria-selected="true"]', { timeout: 20_000 });
    await dialog.waitForSelector('.pq-preview[data-state="ready"]', { timeout: 20_000 });
    expect(await dialog.locator('#config-project').inputValue()).toBe('SLING');
    await dialog.getByLabel('Search queries').fill('open issues of');
    await dialog.locator('.pq-picker-name').getByText('Open issues of a project', { exact: true }).click();
    await dialog.locator('#config-project').fill('SAMPLEPROJECT');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => dialog.textContent('.pq-preview'), { timeout: 20_000 }).toContain('SAMPLEPROJECT-13');
    await screenshot(page, 'macro-local-config-dialog');

    await waitForLayout(page);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('#pq-config-dialog').evaluate((element) => (element as HTMLDialogElement).open), { timeout: 20_000 }).toBe(false);
    const after = await macroFrame(page, 'sling-open');
    await expect.poll(async () => (await after.textContent('.pq-grid tbody').catch(() => '')) ?? '', { timeout: 20_000 }).toContain('SAMPLEPROJECT-13');
  });

  it.each([
    [ADMIN, 'admin'],
    [VIEWER, 'viewer'],
  ] as const)('error is worded for %s', async (user, role) => {
    const page = await openAs(user, '/wiki/spaces/OPS/pages/2001');
    const frame = await macroFrame(page, 'ops-custom-template');
    const panel = frame.locator('.pq-error[data-error-code="SPACE_NOT_ALLOWED"]');
    await panel.waitFor({ timeout: 20_000 });

    expect(await panel.getAttribute('data-role')).toBe(role);
    expect(await panel.locator('.pq-error-action').textContent()).toBe(ERROR_TEXTS.SPACE_NOT_ALLOWED[role]);
    await screenshot(page, `macro-local-error-${role}`);
  });

  it('hostile REST data runs nothing', async () => {
    const datasource = await invoke<{ id: string }>('datasources/save', {
      draft: {
        kind: 'datasource',
        name: 'Hostile rows',
        description: 'Serves XSS payloads as data',
        baseUrl: hostile.url,
        auth: { kind: 'none' },
        headers: {},
        allowedHosts: [],
        testPath: '/rows',
        timeoutMs: 5000,
        maxResponseBytes: 1_048_576,
        allowInsecureHttp: true,
      },
    });
    const query = await invoke<{ id: string }>('queries/save', {
      draft: { kind: 'query', name: 'Hostile rows', description: '', datasourceId: datasource.id, method: 'GET', url: '/rows', parameters: [], cacheDuration: '0', spaces: [] },
    });
    const response = await fetch(`${host.url}/api/pages/${XSS_PAGE_ID}/macros`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-account-id': ADMIN },
      body: JSON.stringify({ config: { queryId: query.id, parameters: {} } }),
    });
    expect(response.ok).toBe(true);

    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const executions: string[] = [];
    const dialogs: string[] = [];
    await context.exposeFunction('__xssRecord', (name: string) => executions.push(name));
    await context.addInitScript({ content: 'window.__xss = (name) => window.__xssRecord(String(name));' });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${host.url}/wiki/spaces/DEMO/pages/${XSS_PAGE_ID}`);

    // The new macro is the last one on the page; its default table contains every payload as text.
    const handle = await page.waitForSelector('section[data-local-id]:last-of-type iframe');
    const frame = (await handle.contentFrame())!;
    await frame.waitForSelector('.pq-grid tbody tr', { timeout: 20_000 });
    await frame.locator('.pq-pager-size select').selectOption('100');
    const cells = await frame.locator('.pq-grid tbody td:first-child').allTextContents();
    expect(cells).toEqual([...TEXT_PAYLOADS, ...Object.values(HTML_PAYLOADS)]);

    // Every image a payload might have smuggled in has loaded or failed, so its onerror would have run by now.
    await frame.waitForFunction(() => document.readyState === 'complete' && Array.from(document.images).every((image) => image.complete), undefined, { timeout: 20_000 });
    expect(await frame.evaluate(() => typeof (window as unknown as { __xss?: unknown }).__xss)).toBe('function');
    expect(executions).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('dark mode uses token colours', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.addCookies([{ name: 'pq_local_theme', value: 'dark', url: host.url }]);
    const page = await context.newPage();
    await page.goto(`${host.url}/wiki/spaces/DEMO/pages/1001`);
    const frame = await macroFrame(page, 'demo-open-issues');
    await frame.waitForSelector('.pq-grid tbody tr', { timeout: 20_000 });
    await macroFrame(page, 'demo-velocity').then((velocity) => velocity.waitForSelector('.pq-chart[data-rendered-elements]', { timeout: 20_000 }));

    expect(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(31, 31, 33)');
    expect(await frame.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(206, 207, 210)');
    await screenshot(page, 'macro-local-demo-dark');
  });
});
