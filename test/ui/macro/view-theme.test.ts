import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { baseResult, releasesPerYearChart, versionsTable } from './support/fixtures';
import { openFrontEnd } from './support/macro-page';
import { QUERIES } from './support/queries';
import { ok } from './support/stub-bridge';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();

const DEMO_RESULT = baseResult({
  html: '<h3>Apache Sling releases</h3><p>Versions from the <a href="https://issues.apache.org/jira/browse/SLING">SLING</a> project.</p><div class="pq-chart" data-chart-id="chart-1"></div><div class="pq-table" data-table-id="table-1"></div>',
  tables: [versionsTable()],
  charts: [releasesPerYearChart()],
  warnings: [{ code: 'TOKEN_EXPIRING', message: 'The datasource token expires on 2026-12-31.' }],
  cache: { hit: true, storedAt: new Date(Date.now() - 3 * 3600_000).toISOString() },
});

async function openThemed(colorMode: 'light' | 'dark') {
  const opened = await openFrontEnd(suite.browser, suite.server.url, 'macro', {
    config: { queryId: 'q-versions', parameters: {} },
    colorMode,
    viewport: { width: 900, height: 1200 },
    resolve: (key) => (key === 'macro/queries' ? ok({ queries: QUERIES }) : ok(DEMO_RESULT)),
  });
  await opened.page.locator('.pq-chart[data-rendered-elements]').waitFor();
  await opened.page.locator('.pq-grid').waitFor();
  return opened;
}

function computed(page: import('playwright-core').Page, selector: string, property: string): Promise<string> {
  return page.locator(selector).first().evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);
}

describe('macro view > theme', () => {
  it('renders dark mode with token colours', async () => {
    const { page, errors } = await openThemed('dark');

    expect(await page.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
    // atlassian-dark values of color.surface, color.text and color.chart.categorical.1 (@atlaskit/tokens 20).
    expect(await computed(page, 'body', 'background-color')).toBe('rgb(31, 31, 33)');
    expect(await computed(page, 'body', 'color')).toBe('rgb(206, 207, 210)');
    expect(await computed(page, 'html', '--ds-chart-categorical-1')).toBe('#4688EC');
    expect(await computed(page, '.pq-grid thead th', 'background-color')).toBe('rgb(24, 25, 26)');

    const path = await screenshot(page, 'macro-view-dark');
    expect(path).toMatch(/macro-view-dark\.png$/);
    expect(errors).toEqual([]);
  });

  it('renders light mode with token colours', async () => {
    const { page } = await openThemed('light');
    expect(await computed(page, 'body', 'background-color')).toBe('rgb(255, 255, 255)');
    expect(await computed(page, 'body', 'color')).toBe('rgb(41, 42, 46)');
    await screenshot(page, 'macro-view-light');
  });

  it('renders the config dialog in dark mode', async () => {
    const { page } = await openFrontEnd(suite.browser, suite.server.url, 'config', {
      colorMode: 'dark',
      viewport: { width: 1000, height: 900 },
      resolve: (key) => (key === 'macro/queries' ? ok({ queries: QUERIES }) : ok(DEMO_RESULT)),
    });
    await page.locator('.pq-picker-option', { hasText: 'Sling versions' }).click();
    await page.locator('#config-project').fill('SLING');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.pq-preview .pq-grid').waitFor();
    expect(await computed(page, 'body', 'background-color')).toBe('rgb(31, 31, 33)');
    await screenshot(page, 'config-dialog-dark');
  });

  it('renders an error panel in dark mode', async () => {
    const { page } = await openFrontEnd(suite.browser, suite.server.url, 'macro', {
      config: { queryId: 'q-versions', parameters: {} },
      colorMode: 'dark',
      resolve: (key) =>
        key === 'session/whoami'
          ? ok({ accountId: 'admin', isAdmin: true })
          : { ok: false, error: { code: 'AUTH_FAILED', message: 'The REST API answered 401 Unauthorized.', details: { status: 401, method: 'GET', url: 'https://issues.apache.org/jira/rest/api/2/project/SLING/versions' } } },
    });
    await page.locator('.pq-error').waitFor();
    await screenshot(page, 'macro-error-admin-dark');
  });
});
