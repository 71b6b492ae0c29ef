import { describe, expect, it } from 'vitest';
import type { MacroConfig } from '../../../src/contract/entities';
import { tableResult, versionsTable } from './support/fixtures';
import { openFrontEnd } from './support/macro-page';
import { QUERIES } from './support/queries';
import { ok } from './support/stub-bridge';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const CONFIG: MacroConfig = { queryId: 'q-versions', parameters: { project: 'SLING', limit: '20' } };

/** Returns a table whose row count is the `limit` the viewer asked for, so a re-run is visible. */
function openWithParameters(withDefinitionsInResult: boolean) {
  return openFrontEnd(suite.browser, suite.server.url, 'macro', {
    config: CONFIG,
    resolve: (key, payload) => {
      if (key === 'macro/queries') return ok({ queries: QUERIES });
      const { viewerParameters } = payload as { viewerParameters?: Record<string, string> };
      const limit = Number(viewerParameters?.limit ?? CONFIG.parameters.limit);
      const table = versionsTable();
      const result = tableResult({ ...table, rows: table.rows.slice(0, limit) });
      if (!withDefinitionsInResult) return ok(result);
      const editable = QUERIES[0]!.parameters.filter((parameter) => parameter.viewerEditable);
      return ok({ ...result, viewerParameters: editable.map((definition) => ({ definition, value: CONFIG.parameters[definition.name] ?? definition.default ?? '' })) });
    },
  });
}

describe('macro view > viewer parameters', () => {
  it('shows typed inputs for editable parameters', async () => {
    const { page } = await openWithParameters(false);
    const form = page.locator('form.pq-viewer-parameters');
    await form.waitFor();

    expect(await form.locator('label').allTextContents()).toEqual(['limit', 'since', 'state']);
    expect(await form.locator('#viewer-limit').getAttribute('type')).toBe('number');
    expect(await form.locator('#viewer-limit').inputValue()).toBe('20');
    expect(await form.locator('#viewer-since').getAttribute('type')).toBe('date');
    expect(await form.locator('#viewer-state option').allTextContents()).toEqual(['Default (released)', 'released', 'unreleased', 'archived']);
  });

  it('applies values without reloading', async () => {
    const { page, bridge } = await openWithParameters(false);
    await page.locator('form.pq-viewer-parameters').waitFor();
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));

    await page.locator('#viewer-limit').fill('3');
    await page.locator('#viewer-since').fill('2015-01-31');
    await page.locator('#viewer-state').selectOption('unreleased');
    await page.getByRole('button', { name: 'Apply' }).click();

    await page.waitForFunction(() => document.querySelector('.pq-data-table')?.getAttribute('data-total-rows') === '3');
    expect(bridge.invocations('macro/run').at(-1)).toEqual({
      config: CONFIG,
      viewerParameters: { limit: '3', since: '2015-01-31', state: 'unreleased' },
    });
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42);
  });

  it('rejects an invalid value at the field', async () => {
    const { page, bridge } = await openWithParameters(false);
    await page.locator('form.pq-viewer-parameters').waitFor();
    const runsBefore = bridge.invocations('macro/run').length;

    await page.locator('#viewer-limit').fill('2.5');
    await page.getByRole('button', { name: 'Apply' }).click();

    expect(await page.locator('.pq-field-error').textContent()).toBe('limit must be a whole number, such as 42.');
    expect(await page.locator('#viewer-limit').getAttribute('aria-invalid')).toBe('true');
    expect(bridge.invocations('macro/run')).toHaveLength(runsBefore);
  });

  it('reset returns to the saved values', async () => {
    const { page, bridge } = await openWithParameters(false);
    await page.locator('form.pq-viewer-parameters').waitFor();
    await page.locator('#viewer-limit').fill('3');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() => document.querySelector('.pq-data-table')?.getAttribute('data-total-rows') === '3');

    await page.getByRole('button', { name: 'Reset' }).click();
    await page.waitForFunction(() => document.querySelector('.pq-data-table')?.getAttribute('data-total-rows') === '20');
    expect(await page.locator('#viewer-limit').inputValue()).toBe('20');
    expect(bridge.invocations('macro/run').at(-1)).toEqual({ config: CONFIG });
  });

  it('uses definitions from the run result', async () => {
    const { page, bridge } = await openWithParameters(true);
    await page.locator('form.pq-viewer-parameters').waitFor();
    expect(await page.locator('form.pq-viewer-parameters label').allTextContents()).toEqual(['limit', 'since', 'state']);
    expect(bridge.invocations('macro/queries')).toEqual([]);
  });
});
