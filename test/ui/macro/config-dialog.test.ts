import { describe, expect, it } from 'vitest';
import type { MacroConfig } from '../../../src/contract/entities';
import { tableResult, versionsTable } from './support/fixtures';
import { openFrontEnd } from './support/macro-page';
import { QUERIES } from './support/queries';
import { fail, ok } from './support/stub-bridge';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();

/** `macro/run` returns as many version rows as the `limit` parameter requests, so the preview shows the draft values. */
function openDialog(saved?: MacroConfig) {
  return openFrontEnd(suite.browser, suite.server.url, 'config', {
    config: saved,
    viewport: { width: 1000, height: 800 },
    resolve: (key, payload) => {
      if (key === 'macro/queries') return ok({ queries: QUERIES });
      if (key === 'session/whoami') return ok({ accountId: 'author', isAdmin: false });
      const { config } = payload as { config: MacroConfig };
      if (config.parameters.project === 'NOPE') return fail({ code: 'NOT_FOUND', message: 'Project NOPE does not exist.' });
      const table = versionsTable();
      return ok(tableResult({ ...table, rows: table.rows.slice(0, Number(config.parameters.limit ?? 50)) }));
    },
  });
}

describe('config dialog', () => {
  it('lists and searches queries', async () => {
    const { page, errors } = await openDialog();
    await page.locator('.pq-picker-option').first().waitFor();
    expect(await page.locator('.pq-picker-name').allTextContents()).toEqual(['Sling versions', 'Open issues', 'GitHub stars']);

    await page.getByLabel('Search queries').fill('jira');
    expect(await page.locator('.pq-picker-name').allTextContents()).toEqual(['Sling versions', 'Open issues']);

    await page.getByLabel('Search queries').fill('stargazers');
    expect(await page.locator('.pq-picker-name').allTextContents()).toEqual(['GitHub stars']);

    await page.getByLabel('Search queries').fill('nothing like this');
    expect(await page.locator('.pq-picker-option').count()).toBe(0);
    expect(await page.locator('.pq-picker .pq-hint').textContent()).toContain('No query matches');
    expect(errors).toEqual([]);
  });

  it('picks with the keyboard', async () => {
    const { page } = await openDialog();
    const search = page.getByLabel('Search queries');
    await search.waitFor();
    await search.press('ArrowDown');
    await search.press('Enter');
    expect(await page.locator('.pq-picker-option[aria-selected="true"]').getAttribute('data-query-id')).toBe('q-issues');
  });

  it('picks, fills, previews and saves', async () => {
    const { page, bridge } = await openDialog();
    await page.locator('.pq-picker-option', { hasText: 'Sling versions' }).click();

    // One typed input per parameter, with description and default.
    expect(await page.locator('.pq-parameter-form label').allTextContents()).toEqual(['project *', 'limit', 'since', 'state', 'ratio']);
    expect(await page.locator('#config-limit').getAttribute('type')).toBe('number');
    expect(await page.locator('#config-limit').getAttribute('placeholder')).toBe('50');
    expect(await page.locator('#config-limit-description').textContent()).toBe('Maximum rows Default: 50.');
    expect(await page.locator('#config-since').getAttribute('type')).toBe('date');
    expect(await page.locator('#config-state').evaluate((element) => element.tagName)).toBe('SELECT');
    expect(await page.locator('.pq-badge').count()).toBe(3);

    // The required project has no default, so nothing ran yet.
    expect(bridge.invocations('macro/run')).toEqual([]);

    await page.locator('#config-project').fill('SLING');
    await page.locator('#config-limit').fill('7');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.waitForFunction(() => document.querySelector('.pq-preview .pq-data-table')?.getAttribute('data-total-rows') === '7');
    expect(bridge.invocations('macro/run').at(-1)).toEqual({ config: { queryId: 'q-versions', parameters: { project: 'SLING', limit: '7' } } });

    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => bridge.calls.filter((call) => call.type === 'submit').map((call) => call.payload))
      .toEqual([{ config: { queryId: 'q-versions', parameters: { project: 'SLING', limit: '7' } } }]);
  });

  it('validates before save', async () => {
    const { page, bridge } = await openDialog();
    await page.locator('.pq-picker-option', { hasText: 'Sling versions' }).click();

    await page.locator('#config-limit').fill('12');
    await page.getByRole('button', { name: 'Save' }).click();

    expect(await page.locator('.pq-config-footer [role="alert"]').textContent()).toBe('Fix the highlighted parameters first.');
    expect(await page.locator('#config-project-error').textContent()).toBe('Enter a value for project.');
    expect(await page.locator('#config-project').getAttribute('aria-invalid')).toBe('true');
    await page.waitForFunction(() => document.activeElement?.id === 'config-project');
    expect(bridge.calls.filter((call) => call.type === 'submit')).toEqual([]);
  });

  it('saves without a query refused', async () => {
    const { page, bridge } = await openDialog();
    await page.locator('.pq-picker-option').first().waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('.pq-config-footer [role="alert"]').textContent()).toBe('Choose a query first.');
    expect(bridge.calls.filter((call) => call.type === 'submit')).toEqual([]);
  });

  it('previews at once when defaults suffice', async () => {
    const { page, bridge } = await openDialog();
    await page.locator('.pq-picker-option', { hasText: 'Open issues' }).click();
    await page.locator('.pq-preview .pq-data-table').waitFor();
    expect(bridge.invocations('macro/run')).toEqual([{ config: { queryId: 'q-issues', parameters: {} } }]);
  });

  it('shows a preview error', async () => {
    const { page } = await openDialog();
    await page.locator('.pq-picker-option', { hasText: 'Sling versions' }).click();
    await page.locator('#config-project').fill('NOPE');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.pq-preview .pq-error[data-error-code="NOT_FOUND"]').waitFor();
    expect(await page.locator('.pq-preview .pq-error-title').textContent()).toContain('The data was not found');
  });

  it('opens with the saved config', async () => {
    const { page, bridge } = await openDialog({ queryId: 'q-versions', parameters: { project: 'SLING', limit: '4' } });
    await page.waitForFunction(() => document.querySelector('.pq-preview .pq-data-table')?.getAttribute('data-total-rows') === '4');
    expect(await page.locator('#config-project').inputValue()).toBe('SLING');
    expect(await page.locator('.pq-picker-option[aria-selected="true"]').getAttribute('data-query-id')).toBe('q-versions');
    expect(bridge.invocations('macro/run')).toHaveLength(1);
  });

  it('says when the saved query is gone', async () => {
    const { page, bridge } = await openDialog({ queryId: 'q-deleted', parameters: { project: 'SLING' } });
    const note = page.locator('[data-missing-query="q-deleted"]');
    await note.waitFor();
    expect(await note.textContent()).toBe('The query this macro used is no longer available here. Choose another one.');
    expect(bridge.invocations('macro/run')).toEqual([]);

    await page.locator('.pq-picker-option', { hasText: 'Open issues' }).click();
    expect(await note.count()).toBe(0);
  });

  it('cancel closes the dialog', async () => {
    const { page, bridge } = await openDialog();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => bridge.calls.some((call) => call.type === 'close')).toBe(true);
  });
});
