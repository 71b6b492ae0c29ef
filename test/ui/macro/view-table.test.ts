import { describe, expect, it } from 'vitest';
import { largeVersionsTable, loadVersions, tableResult } from './support/fixtures';
import { openFrontEnd } from './support/macro-page';
import { ok } from './support/stub-bridge';
import { useBrowserSuite } from './support/suite';

const CONFIG = { queryId: 'q-versions', parameters: {} };
const suite = useBrowserSuite();

async function openTable(result = tableResult()) {
  const opened = await openFrontEnd(suite.browser, suite.server.url, 'macro', {
    config: CONFIG,
    resolve: (key) => (key === 'macro/run' ? ok(result) : ok({ queries: [] })),
  });
  await opened.page.locator('.pq-grid tbody tr').first().waitFor();
  return opened;
}

async function columnTexts(page: import('playwright-core').Page, column: number): Promise<string[]> {
  return page.locator(`.pq-grid tbody tr td:nth-child(${column})`).allTextContents();
}

describe('macro view > default table', () => {
  it('shows the first page and the total count', async () => {
    const { page, errors } = await openTable();

    expect(await page.locator('.pq-grid tbody tr').count()).toBe(25);
    expect(await page.locator('.pq-pager-range').textContent()).toBe('1–25 of 201');
    expect(await page.locator('.pq-pager-page').textContent()).toBe('Page 1 of 9');
    expect(errors).toEqual([]);
  });

  it('sorts numbers numerically both ways', async () => {
    const { page } = await openTable();
    const ids = loadVersions().map((version) => Number(version.id));

    await page.getByRole('button', { name: 'Id' }).click();
    const ascending = (await columnTexts(page, 4)).map(Number);
    expect(ascending).toEqual([...ids].sort((a, b) => a - b).slice(0, 25));
    expect(await page.locator('th', { hasText: 'Id' }).getAttribute('aria-sort')).toBe('ascending');

    await page.getByRole('button', { name: 'Id' }).click();
    const descending = (await columnTexts(page, 4)).map(Number);
    expect(descending).toEqual([...ids].sort((a, b) => b - a).slice(0, 25));
  });

  it('sorts dates by time with missing dates last', async () => {
    const { page } = await openTable();
    const dated = loadVersions()
      .map((version) => version.releaseDate)
      .filter((date): date is string => Boolean(date));

    await page.getByRole('button', { name: 'Release date' }).click();
    expect(await columnTexts(page, 3)).toEqual([...dated].sort().slice(0, 25));

    // Descending still puts the 10 versions without a date at the end.
    await page.getByRole('button', { name: 'Release date' }).click();
    await page.locator('.pq-pager-size select').selectOption('250');
    const descending = await columnTexts(page, 3);
    expect(descending[0]).toBe([...dated].sort().at(-1));
    expect(descending.slice(-10)).toEqual(Array(10).fill(''));
    expect(descending.at(-11)).toBe([...dated].sort()[0]);
  });

  it('sorts text with numbers in natural order', async () => {
    const { page } = await openTable();

    await page.getByRole('button', { name: 'Name' }).click();
    await page.getByRole('button', { name: 'Name' }).click();
    const names = await columnTexts(page, 1);
    expect(names.slice(0, 8)).toEqual([
      'XSS Protection API 1.0.16',
      'XSS Protection API 1.0.14',
      'XSS Protection API 1.0.12',
      'XSS Protection API 1.0.8',
      'XSS Protection API 1.0.6',
      'XSS Protection API 1.0.4',
      'XSS Protection API 1.0.2',
      'XSS Protection API 1.0.0',
    ]);
  });

  it('third click restores source order', async () => {
    const { page } = await openTable();
    const button = page.getByRole('button', { name: 'Name' });

    await button.click();
    await button.click();
    await button.click();
    expect(await columnTexts(page, 1)).toEqual(loadVersions().slice(0, 25).map((version) => version.name));
  });

  it('pages forward and changes rows per page', async () => {
    const { page } = await openTable();

    await page.getByRole('button', { name: 'Next page' }).click();
    expect(await page.locator('.pq-pager-range').textContent()).toBe('26–50 of 201');
    expect((await columnTexts(page, 1))[0]).toBe(loadVersions()[25]!.name);

    await page.locator('.pq-pager-size select').selectOption('100');
    expect(await page.locator('.pq-grid tbody tr').count()).toBe(100);
    expect(await page.locator('.pq-pager-range').textContent()).toBe('1–100 of 201');
    expect(await page.locator('.pq-pager-page').textContent()).toBe('Page 1 of 3');
  });

  it('keeps 10,000 rows out of the DOM', async () => {
    const { page } = await openTable(tableResult(largeVersionsTable(10_000)));

    expect(await page.locator('tr').count()).toBe(26);
    expect(await page.locator('.pq-pager-range').textContent()).toBe('1–25 of 10,000');
    expect(await page.locator('.pq-data-table').getAttribute('data-total-rows')).toBe('10000');
  });

  it('header stays visible while scrolling', async () => {
    const { page } = await openTable();
    await page.locator('.pq-pager-size select').selectOption('250');

    const scroller = page.locator('.pq-table-scroll');
    await scroller.evaluate((element) => element.scrollTo(0, 2000));
    const headerBox = await page.locator('.pq-grid thead th').first().boundingBox();
    const scrollerBox = await scroller.boundingBox();
    expect(Math.abs((headerBox?.y ?? -1) - (scrollerBox?.y ?? -2))).toBeLessThanOrEqual(2);
  });

  it('wide tables scroll horizontally', async () => {
    const { page } = await openTable();
    await page.setViewportSize({ width: 320, height: 700 });

    const overflow = await page.locator('.pq-table-scroll').evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeGreaterThan(0);
    const documentOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(documentOverflow).toBeLessThanOrEqual(0);
  });
});
