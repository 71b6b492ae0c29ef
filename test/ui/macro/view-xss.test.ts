import { describe, expect, it } from 'vitest';
import type { ChartSpec, RunResult } from '../../../src/contract/run';
import { baseResult } from './support/fixtures';
import { openFrontEnd, type OpenedPage } from './support/macro-page';
import { QUERIES } from './support/queries';
import { fail, ok, type ResolverHandler } from './support/stub-bridge';
import { useBrowserSuite } from './support/suite';
import { HTML_PAYLOADS, TEXT_PAYLOADS } from './support/xss-payloads';

// Runs without a Content Security Policy, so the sanitizer alone must stop every payload.
const suite = useBrowserSuite({ csp: false });

interface ExecutionLog {
  executions: string[];
  dialogs: string[];
}

/** Installs the sink every payload calls and a dialog listener, then opens the page. */
async function openWithSink(frontEnd: 'macro' | 'config', resolve: ResolverHandler): Promise<OpenedPage & { log: ExecutionLog }> {
  const log: ExecutionLog = { executions: [], dialogs: [] };
  const page = await suite.browser.newPage({ viewport: { width: 900, height: 700 } });
  await page.exposeFunction('__xssRecord', (name: string) => log.executions.push(name));
  await page.addInitScript(() => {
    const record = (window as unknown as { __xssRecord: (name: string) => void }).__xssRecord;
    (window as unknown as { __xss: (name: string) => void }).__xss = (name) => record(String(name));
  });
  page.on('dialog', (dialog) => {
    log.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.close = page.close.bind(page);

  const { installStubBridge } = await import('./support/stub-bridge');
  const bridge = await installStubBridge(page, { config: { queryId: 'q-versions', parameters: {} }, resolve });
  await page.goto(`${suite.server.url}/${frontEnd}/index.html`);
  return { page, bridge, errors: [], log };
}

function xssResult(): RunResult {
  const chart: ChartSpec = {
    id: 'chart-xss',
    type: 'bar',
    sourceType: 'ColumnChart',
    labels: TEXT_PAYLOADS,
    datasets: [{ label: TEXT_PAYLOADS[0]!, data: TEXT_PAYLOADS.map((_, index) => index + 1) }],
    options: { title: TEXT_PAYLOADS[1], xTitle: TEXT_PAYLOADS[2] },
  };
  return baseResult({
    html: `<h3>Report</h3>${Object.values(HTML_PAYLOADS).join('\n')}<div class="pq-table" data-table-id="table-1"></div><div class="pq-chart" data-chart-id="chart-xss"></div>`,
    tables: [
      {
        id: 'table-1',
        layout: 'rows',
        columns: [
          { key: 'payload', label: TEXT_PAYLOADS[0]!, type: 'text' },
          { key: 'number', label: 'n', type: 'number' },
        ],
        rows: TEXT_PAYLOADS.map((payload, index) => [payload, index]),
      },
    ],
    charts: [chart],
    warnings: [{ code: 'UPSTREAM_WARNING', message: TEXT_PAYLOADS[3]! }],
  });
}

async function settle(page: OpenedPage['page']): Promise<void> {
  // Error and load events of injected media fire asynchronously.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(150);
}

describe('macro view > XSS', () => {
  it('sink records an unsanitized payload', async () => {
    // Control: proves the hook records execution, so the zero counts below mean something.
    const { page, log } = await openWithSink('macro', () => ok(baseResult({ html: '<p>control</p>' })));
    await page.locator('.pq-result p').waitFor();
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', `<img src="x" onerror="__xss('control')">`);
    });
    await page.waitForFunction(() => document.readyState === 'complete');
    await settle(page);
    expect(log.executions).toEqual(['control']);
  });

  it('sanitized template executes nothing', async () => {
    const { page, log, bridge } = await openWithSink('macro', () => ok(xssResult()));
    await page.locator('.pq-chart[data-rendered-elements]').waitFor();
    await settle(page);

    // Interact the way a reader would: click every link and button in the template output, focus inputs.
    for (const anchor of await page.locator('.pq-result a').all()) await anchor.click({ force: true }).catch(() => undefined);
    for (const button of await page.locator('.pq-result > button, .pq-result form button').all()) await button.click({ force: true }).catch(() => undefined);
    await page.locator('.pq-result details summary').first().click().catch(() => undefined);
    await settle(page);

    expect(log.executions).toEqual([]);
    expect(log.dialogs).toEqual([]);

    // Links went through the router, and only the allowed ones.
    const navigations = bridge.calls.filter((call) => call.type === 'navigate').map((call) => (call.payload as { url: string }).url);
    expect(navigations).toEqual(['https://example.com/report']);
  });

  it('each payload alone executes nothing', async () => {
    // One payload per run, switched with the Refresh button, so no payload is
    // hidden inside another one's unclosed element.
    const payloads = Object.entries(HTML_PAYLOADS);
    let next = 0;
    const { page, log } = await openWithSink('macro', (key) => {
      const [name, html] = payloads[Math.min(next, payloads.length - 1)]!;
      if (key === 'macro/refresh' || key === 'macro/run') next++;
      return ok(baseResult({ html: `<p title="payload ${name}">${name}</p>${html}<a href="https://example.com/after">after</a>` }));
    });

    for (const [index, [name]] of payloads.entries()) {
      await page.locator(`.pq-result p[title="payload ${name}"]`).waitFor();
      await page.waitForTimeout(40);
      for (const anchor of await page.locator('.pq-result a').all()) await anchor.click({ force: true, timeout: 1000 }).catch(() => undefined);
      expect(log.executions, name).toEqual([]);
      expect(log.dialogs, name).toEqual([]);
      if (index < payloads.length - 1) await page.getByRole('button', { name: 'Refresh data' }).click();
    }
  });

  it('drops dangerous elements and attributes', async () => {
    const { page } = await openWithSink('macro', () => ok(xssResult()));
    await page.locator('.pq-chart[data-rendered-elements]').waitFor();
    const result = page.locator('.pq-result');

    for (const selector of ['script', 'iframe', 'object', 'embed', 'form', 'style', 'meta', 'base', 'link', 'svg', 'math', 'template', 'input', 'video', 'marquee', 'noscript']) {
      expect(await result.locator(selector).count(), selector).toBe(0);
    }

    const attributes = await result.evaluate((root) =>
      [...root.querySelectorAll('*')].flatMap((element) => [...element.attributes].map((attribute) => `${attribute.name}=${attribute.value}`)),
    );
    expect(attributes.filter((attribute) => /^on/i.test(attribute))).toEqual([]);
    expect(attributes.filter((attribute) => /javascript:|vbscript:|data:/i.test(attribute))).toEqual([]);
    expect(attributes.filter((attribute) => attribute.startsWith('target='))).toEqual([]);
    expect(attributes.filter((attribute) => attribute.startsWith('href=//') || attribute.startsWith('href=/\\'))).toEqual([]);
    expect(attributes.filter((attribute) => attribute.startsWith('style=') && /position|url/.test(attribute))).toEqual([]);
    expect(attributes).toContain('style=color: red');
  });

  it('shows payloads in data as text', async () => {
    const { page } = await openWithSink('macro', () => ok(xssResult()));
    await page.locator('.pq-grid').waitFor();

    expect(await page.locator('.pq-grid tbody td:first-child').allTextContents()).toEqual(TEXT_PAYLOADS);
    expect(await page.locator('.pq-grid thead th').first().textContent()).toContain(TEXT_PAYLOADS[0]);
    expect(await page.locator('.pq-chart table.pq-sr-only tbody td:first-child').allTextContents()).toEqual(TEXT_PAYLOADS);
  });

  it('error and empty texts execute nothing', async () => {
    const payload = TEXT_PAYLOADS[0]!;
    const errorPage = await openWithSink('macro', (key) =>
      key === 'session/whoami'
        ? ok({ accountId: 'a', isAdmin: true })
        : fail({ code: 'UPSTREAM_ERROR', message: payload, hint: TEXT_PAYLOADS[1], details: { upstreamMessage: TEXT_PAYLOADS[3], url: TEXT_PAYLOADS[2], field: payload } }),
    );
    await errorPage.page.locator('.pq-error').waitFor();
    await settle(errorPage.page);
    expect(await errorPage.page.locator('.pq-error').textContent()).toContain(payload);

    const emptyPage = await openWithSink('macro', () => ok(baseResult({ isEmpty: true, emptyMessage: payload })));
    await emptyPage.page.locator('[data-state="empty"]').waitFor();
    await settle(emptyPage.page);
    expect(await emptyPage.page.locator('[data-state="empty"]').textContent()).toBe(payload);

    expect([...errorPage.log.executions, ...emptyPage.log.executions]).toEqual([]);
    expect([...errorPage.log.dialogs, ...emptyPage.log.dialogs]).toEqual([]);
  });

  it('config dialog shows query texts as text', async () => {
    const hostile = QUERIES.map((query, index) => ({
      ...query,
      name: `${query.name} ${TEXT_PAYLOADS[index % TEXT_PAYLOADS.length]}`,
      description: TEXT_PAYLOADS[(index + 1) % TEXT_PAYLOADS.length]!,
      parameters: query.parameters.map((parameter) => ({ ...parameter, description: TEXT_PAYLOADS[3]! })),
    }));
    const { page, log } = await openWithSink('config', (key) => (key === 'macro/queries' ? ok({ queries: hostile }) : ok(xssResult())));
    await page.locator('.pq-picker-option').first().click();
    await page.locator('.pq-parameter-form').waitFor();
    await settle(page);

    expect(await page.locator('.pq-picker-name').first().textContent()).toBe(hostile[0]!.name);
    expect(log.executions).toEqual([]);
    expect(log.dialogs).toEqual([]);
  });
});
