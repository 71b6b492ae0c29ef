// The demo in headless Chromium with the app's real bundles (static/*/build,
// built by `npm run build:ui`, which `npm test` runs first). The chart and the
// tables render from the real Jira data, the viewer gets nothing from the
// admin page, and a converter change shows on the page.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { startLocalHost, type LocalHost } from '../support/local-host';
import { ADMIN, data, invoke } from './invoke-client';

const STATIC_DIR = resolve(import.meta.dirname, '../../static');

// Pages with several iframes render in seconds, more on a loaded two-core machine.
const BROWSER_TEST_TIMEOUT_MS = 90_000;

let host: LocalHost;
let browser: TestBrowser;

beforeAll(async () => {
  for (const resource of ['macro', 'config', 'admin']) {
    if (!existsSync(resolve(STATIC_DIR, resource, 'build', 'index.html'))) {
      throw new Error(`static/${resource}/build is missing: run "npm run build:ui" before these tests (npm test does).`);
    }
  }
  host = await startLocalHost();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  host?.cleanup();
});

async function macroFrame(page: Page, localId: string): Promise<Frame> {
  const handle = await page.waitForSelector(`section[data-local-id="${localId}"] iframe`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`No frame for ${localId}`);
  return frame;
}

describe('demo page with the real bundles', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('renders the chart and the tables from the demo API', async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(host.demoPageUrl);

    const chart = await macroFrame(page, 'demo-issues-per-type');
    await chart.waitForSelector('.pq-chart[data-rendered-elements] canvas', { timeout: 20_000 });
    expect(await chart.getAttribute('.pq-chart', 'data-rendered-elements')).toBe('3');
    expect(await chart.textContent('.pq-chart table')).toContain('Story');

    const issues = await macroFrame(page, 'demo-open-issues');
    await issues.waitForSelector('table tbody tr', { timeout: 20_000 });
    expect(await issues.locator('table tbody tr').count()).toBe(11);
    expect(await issues.textContent('table tbody')).toContain('SAMPLEPROJECT-13');

    const sprints = await macroFrame(page, 'demo-sprints');
    await sprints.waitForSelector('[data-warning-codes]', { timeout: 20_000 });
    expect(await sprints.getAttribute('[data-warning-codes]', 'data-warning-codes')).toContain('TOKEN_EXPIRING');

    const velocity = await macroFrame(page, 'demo-velocity');
    await velocity.waitForSelector('.pq-chart[data-rendered-elements]', { timeout: 20_000 });
    expect(await velocity.getAttribute('.pq-chart', 'data-rendered-elements')).toBe('6');

    const projects = await macroFrame(page, 'demo-projects');
    await projects.waitForSelector('[data-total-rows]', { timeout: 20_000 });
    expect(await projects.getAttribute('[data-total-rows]', 'data-total-rows')).toBe('567');
    expect(await projects.locator('table tbody tr').count()).toBeLessThan(101);

    // Every iframe, also those below the fold, takes its content's height.
    for (const localId of ['demo-issues-per-type', 'demo-open-issues', 'demo-sprints', 'demo-velocity', 'demo-projects']) {
      const frame = await macroFrame(page, localId);
      const iframe = page.locator(`section[data-local-id="${localId}"] iframe`);
      await expect
        .poll(async () => Math.abs(((await iframe.boundingBox())?.height ?? 0) - (await frame.evaluate(() => document.body.scrollHeight))), { timeout: 20_000 })
        .toBeLessThanOrEqual(2);
    }

    await screenshot(page, 'local-demo-page-light');
    expect(errors.filter((error) => !/sandbox|feature gate/i.test(error))).toEqual([]);
  });

  it('renders the second page', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.url}/wiki/spaces/DEMO/pages/1002`);

    const versions = await macroFrame(page, 'sling-versions');
    await versions.waitForSelector('.pq-chart[data-rendered-elements]', { timeout: 20_000 });
    expect(await versions.getAttribute('.pq-chart', 'data-chart-type')).toBe('line');

    const custom = await macroFrame(page, 'custom-template');
    await custom.waitForSelector('table.pq-static tbody tr', { timeout: 20_000 });
    expect(await custom.locator('table.pq-static tbody tr').count()).toBe(11);
    expect(await custom.textContent('table.pq-static tbody')).toContain('2011-12-15');

    const prometheus = await macroFrame(page, 'prometheus-up');
    await prometheus.waitForSelector('.pq-chart[data-rendered-elements]', { timeout: 20_000 });
    expect(await prometheus.getAttribute('.pq-chart', 'data-rendered-elements')).toBe('6');
    await screenshot(page, 'local-second-page');
  });

  it('shows a space-limited query refusing to run', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.url}/wiki/spaces/OPS/pages/2001`);
    const allowed = await macroFrame(page, 'ops-prometheus');
    await allowed.waitForSelector('.pq-chart[data-rendered-elements="6"]', { timeout: 20_000 });
    const limited = await macroFrame(page, 'ops-custom-template');
    await limited.waitForSelector('[data-error-code]', { timeout: 20_000 });
    expect(await limited.getAttribute('[data-error-code]', 'data-error-code')).toBe('SPACE_NOT_ALLOWED');
    await screenshot(page, 'local-ops-page');
  });

  it('changes a macro through the config dialog', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.url}/wiki/spaces/DEMO/pages/1002`);
    await page.click('#pq-edit-toggle');
    await page.click('section[data-local-id="sling-open"] [data-edit-macro]');
    const handle = await page.waitForSelector('#pq-config-dialog iframe');
    const dialog = (await handle.contentFrame())!;
    await dialog.getByText('Prometheus up over time', { exact: true }).click();
    await screenshot(page, 'local-config-dialog');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('#pq-config-dialog').evaluate((element) => (element as HTMLDialogElement).open), { timeout: 20_000 }).toBe(false);

    const queries = data(await invoke(host.url, ADMIN, 'queries/list', {})).items;
    const prometheusId = queries.find((query) => query.name === 'Prometheus up over time')!.id;
    const stored = (await (await fetch(`${host.url}/api/pages/1002`, { headers: { 'x-local-account-id': ADMIN } })).json()) as {
      document: { macros: { localId: string; config: { queryId: string } }[] };
    };
    expect(stored.document.macros.find((macro) => macro.localId === 'sling-open')!.config.queryId).toBe(prometheusId);

    const macro = await macroFrame(page, 'sling-open');
    await macro.waitForSelector('.pq-chart[data-rendered-elements="6"]', { timeout: 20_000 });
  });

  it('renders in the dark theme', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'pq_local_theme', value: 'dark', url: host.url }]);
    const page = await context.newPage();
    await page.goto(host.demoPageUrl);
    const issues = await macroFrame(page, 'demo-open-issues');
    await issues.waitForSelector('table tbody tr', { timeout: 20_000 });
    expect(await issues.getAttribute('html', 'data-color-mode')).toBe('dark');
    await screenshot(page, 'local-demo-page-dark');
  });

  it('gives the viewer no admin data', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'pq_local_user', value: 'local-viewer', url: host.url }]);
    const page = await context.newPage();
    const replies: unknown[] = [];
    page.on('response', (response: Response) => {
      if (response.url().endsWith('/api/invoke')) replies.push(response.json().catch(() => undefined));
    });

    await page.goto(host.adminPageUrl);
    const handle = await page.waitForSelector('iframe[data-frame-id="admin-1"]');
    const frame = (await handle.contentFrame())!;
    // The notice appears after the identity check returned, and the page makes no call after it.
    await frame.waitForSelector('[data-testid="forbidden-state"]', { timeout: 20_000 });
    await expect.poll(() => replies.length, { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshot(page, 'local-admin-page-viewer');

    const bodies = (await Promise.all(replies)) as { ok: boolean; data?: unknown; error?: { code: string } }[];
    const adminReplies = bodies.filter((body) => body && !(body.ok && typeof body.data === 'object' && body.data !== null && 'isAdmin' in body.data));
    for (const body of adminReplies) {
      expect(body.ok).toBe(false);
      expect(body.error?.code).toBe('FORBIDDEN');
    }
    expect(await frame.textContent('body')).not.toContain('Demo Jira');
  });

  it('shows a converter change on the page', async () => {
    const summary = data(await invoke(host.url, ADMIN, 'converters/list', {})).items.find((item) => item.name === 'Project list')!;
    const converter = data(await invoke(host.url, ADMIN, 'converters/get', { id: summary.id }));
    const source = `function convert(json, metadata) {
  return JSON.parse(json)
    .filter(function (project) { return project.key.indexOf('SLING') === 0; })
    .map(function (project) { return { Key: project.key, Name: project.name }; });
}`;
    const { id, kind, name, description, sampleInput } = converter;
    data(await invoke(host.url, ADMIN, 'converters/save', { draft: { id, kind, name, description, sampleInput, source }, baseVersion: converter.version }));

    const page = await browser.newPage();
    await page.goto(host.demoPageUrl);
    const projects = await macroFrame(page, 'demo-projects');
    await projects.waitForSelector('[data-total-rows]', { timeout: 20_000 });
    expect(await projects.getAttribute('[data-total-rows]', 'data-total-rows')).toBe('1');
    expect(await projects.textContent('table tbody')).toContain('SLING');
  });

  it('shows the admin page to the admin', async () => {
    const page = await browser.newPage();
    await page.goto(host.adminPageUrl);
    const handle = await page.waitForSelector('iframe[data-frame-id="admin-1"]');
    const frame = (await handle.contentFrame())!;
    await frame.waitForSelector('text=Demo Jira Agile (token expiring soon)', { timeout: 20_000 });
    await screenshot(page, 'local-admin-page');
  });
});
