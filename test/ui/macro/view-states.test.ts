import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../../src/contract/errors';
import { ERROR_TEXTS } from '../../../static/shared/src/error-text';
import { baseResult, tableResult } from './support/fixtures';
import { openFrontEnd } from './support/macro-page';
import { fail, ok, type ResolverHandler } from './support/stub-bridge';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const CONFIG = { queryId: 'q-versions', parameters: {} };

function openMacro(resolve: ResolverHandler, options: { configured: boolean } = { configured: true }) {
  return openFrontEnd(suite.browser, suite.server.url, 'macro', { config: options.configured ? CONFIG : undefined, resolve });
}

describe('macro view > states', () => {
  it('shows a skeleton until the result arrives', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { page } = await openMacro(async (key) => {
      if (key === 'macro/run') await held;
      return key === 'macro/run' ? ok(tableResult()) : ok({ queries: [] });
    });

    await page.locator('.pq-skeleton[aria-busy="true"]').waitFor();
    expect(await page.locator('.pq-grid').count()).toBe(0);

    release();
    await page.locator('.pq-grid').waitFor();
    expect(await page.locator('.pq-skeleton').count()).toBe(0);
  });

  it('shows the template empty message', async () => {
    const { page } = await openMacro(() => ok(baseResult({ isEmpty: true, emptyMessage: 'No open issues in DEMO.' })));
    const empty = page.locator('[data-state="empty"]');
    await empty.waitFor();
    expect(await empty.textContent()).toBe('No open issues in DEMO.');
  });

  it('treats blank template output as empty', async () => {
    const { page } = await openMacro(() => ok(baseResult({ html: '  \n ', emptyMessage: '' })));
    const empty = page.locator('[data-state="empty"]');
    await empty.waitFor();
    expect(await empty.textContent()).toBe('No data to show.');
  });

  it('asks to configure a macro without config', async () => {
    const { page, bridge } = await openMacro(() => ok(tableResult()), { configured: false });
    await page.locator('.pq-empty').waitFor();
    expect(await page.locator('.pq-empty').textContent()).toContain('Edit the macro on the page to choose one');
    expect(bridge.invocations('macro/run')).toEqual([]);
  });

  it.each([
    ['viewer', false],
    ['admin', true],
  ] as const)('renders every error code as %s', async (role, isAdmin) => {
    const codes = [...ERROR_CODES];
    let next = 0;
    const { page, bridge } = await openMacro((key) => {
      if (key === 'session/whoami') return ok({ accountId: 'account-1', isAdmin });
      const code: ErrorCode = codes[Math.min(next++, codes.length - 1)]!;
      return fail({
        code,
        message: `Backend message for ${code}`,
        hint: 'Backend hint',
        details: { status: 401, field: 'parameters.project', url: 'https://api.example.com/search' },
      });
    });

    for (const [index, code] of codes.entries()) {
      const panel = page.locator(`.pq-error[data-error-code="${code}"]`);
      await panel.waitFor();
      const text = ERROR_TEXTS[code];

      expect(await panel.getAttribute('data-role')).toBe(role);
      expect(await panel.locator('.pq-error-title').textContent()).toContain(text.title);
      expect(await panel.locator('.pq-error-action').textContent()).toBe(role === 'admin' ? text.admin : text.viewer);
      expect(await panel.locator('.pq-error-code').textContent()).toBe(`Error code ${code}`);

      // Backend messages and request URLs are for admins only.
      const shownToAll = (await panel.textContent()) ?? '';
      expect(shownToAll.includes(`Backend message for ${code}`)).toBe(role === 'admin');
      expect(shownToAll.includes('https://api.example.com/search')).toBe(role === 'admin');

      if (index < codes.length - 1) await panel.getByRole('button', { name: 'Try again' }).click();
    }

    // The role is asked once per page, not once per error.
    expect(bridge.invocations('session/whoami')).toHaveLength(1);
  });

  it('words viewer errors around the admin', async () => {
    expect(ERROR_TEXTS.AUTH_FAILED.viewer).toContain('Ask your Confluence admin');
    expect(ERROR_TEXTS.AUTH_FAILED.admin).toContain('Check the datasource token');
    expect(ERROR_TEXTS.SECRET_MISSING.admin).toContain('Check the datasource token');
  });

  it('uses viewer wording when whoami fails', async () => {
    const { page } = await openMacro((key) =>
      key === 'session/whoami' ? fail({ code: 'INTERNAL_ERROR', message: 'down' }) : fail({ code: 'TOKEN_EXPIRED', message: 'expired' }),
    );
    await page.locator('.pq-error').waitFor();
    expect(await page.locator('.pq-error').getAttribute('data-role')).toBe('viewer');
    expect(await page.locator('.pq-error-action').textContent()).toBe(ERROR_TEXTS.TOKEN_EXPIRED.viewer);
  });

  it('maps a response without envelope to an internal error', async () => {
    const { page } = await openMacro((key) =>
      key === 'session/whoami' ? ok({ accountId: 'a', isAdmin: false }) : ({ unexpected: true } as unknown as ReturnType<typeof ok>),
    );
    await page.locator('.pq-error[data-error-code="INTERNAL_ERROR"]').waitFor();
    expect(await page.locator('.pq-error-title').textContent()).toContain('Something went wrong');
  });

  it('shows warnings collapsed', async () => {
    const warnings = [
      { code: 'INSECURE_HTTP' as const, message: 'The datasource uses plain http.' },
      { code: 'TOKEN_EXPIRING' as const, message: 'The token expires on 2026-12-31.' },
      { code: 'TRUNCATED' as const, message: 'Only the first 10,000 rows are shown.' },
      { code: 'CHART_OPTION_UNSUPPORTED' as const, message: 'Option "is3D" is not supported.' },
    ];
    const { page } = await openMacro(() => ok({ ...tableResult(), warnings }));
    const details = page.locator('details.pq-warnings');
    await details.waitFor();

    expect(await details.getAttribute('open')).toBeNull();
    expect(await details.locator('summary').textContent()).toContain('4 warnings');
    expect(await details.getAttribute('data-warning-codes')).toBe('INSECURE_HTTP TOKEN_EXPIRING TRUNCATED CHART_OPTION_UNSUPPORTED');

    await details.locator('summary').click();
    expect(await details.locator('li').allTextContents()).toEqual([
      'Loaded over plain http: The datasource uses plain http.',
      'Access token expires soon: The token expires on 2026-12-31.',
      'Data was cut short: Only the first 10,000 rows are shown.',
      'A chart option is not supported: Option "is3D" is not supported.',
    ]);
  });

  it('refresh bypasses the cache and updates the time', async () => {
    const storedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const { page, bridge } = await openMacro((key) =>
      key === 'macro/refresh' ? ok(tableResult()) : ok({ ...tableResult(), cache: { hit: true, storedAt } }),
    );
    const lastUpdated = page.locator('.pq-last-updated');
    await lastUpdated.locator('time').waitFor();
    expect(await lastUpdated.textContent()).toBe('Last updated 5 minutes ago');
    expect(await lastUpdated.locator('time').getAttribute('datetime')).toBe(storedAt);

    await page.getByRole('button', { name: 'Refresh data' }).click();
    await page.waitForFunction(() => document.querySelector('.pq-last-updated')?.getAttribute('data-cache-hit') === 'false');
    expect(bridge.invocations('macro/refresh')).toEqual([{ config: CONFIG }]);
    expect(await lastUpdated.textContent()).toBe('');
  });
});
