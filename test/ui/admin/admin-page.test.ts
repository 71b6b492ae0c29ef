// The admin page in headless Chromium against the local host and its real
// resolvers: the admin workflow end to end, the non-admin view, secrets never
// reaching the browser, conflicts, import safety, delete protection and the
// unsaved-changes guard, in light and dark mode.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntitySummary } from '../../../src/contract/entities';
import { launchBrowser, RESULTS_DIR, screenshot, type TestBrowser } from '../../support/browser';
import { startLocalHost, type LocalHost } from '../../support/local-host';
import { adminCall, invokeAs, openAdminPage, screenshotAdmin, setCode, settle, storedToken, VIEWER, type AdminPage } from './support/admin-page';

/** expect.poll waits 1 s by default, too short on a busy CI machine. */
const POLL = { timeout: 20_000 };

let host: LocalHost;
let browser: TestBrowser;
const opened: AdminPage[] = [];

async function open(options: Parameters<typeof openAdminPage>[2] = {}): Promise<AdminPage> {
  const admin = await openAdminPage(browser, host, options);
  opened.push(admin);
  return admin;
}

async function listOf(kind: 'datasources' | 'queries' | 'converters' | 'templates'): Promise<EntitySummary[]> {
  return (await adminCall<{ items: EntitySummary[] }>(host, `${kind}/list`)).items;
}

beforeAll(async () => {
  [host, browser] = await Promise.all([startLocalHost(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  host?.cleanup();
});

// Each test drives several screens of a real browser against a real host.
describe('admin page', { timeout: 90_000 }, () => {
  it('non-admin sees only the permission notice', async () => {
    const viewer = await open({ user: VIEWER });
    const { frame, page, replies } = viewer;

    await expect(frame.getByTestId('forbidden-state').waitFor()).resolves.toBeUndefined();
    expect(await frame.getByTestId('list-datasource').count()).toBe(0);
    await settle(page);
    await screenshotAdmin(viewer, 'admin-forbidden');

    // Only the identity check ran; no admin data reached the page.
    expect(replies).toHaveLength(1);
    expect(JSON.parse(replies[0] as string)).toMatchObject({ ok: true, data: { isAdmin: false } });
  });

  it('non-admin calls to admin resolvers are refused', async () => {
    const reply = await invokeAs(host, VIEWER, 'datasources/list');
    expect(reply.ok).toBe(false);
    expect(reply.error?.code).toBe('FORBIDDEN');
  });

  // Five screens and a demo page: under load on two cores this takes a minute or more.
  it('token datasource to saved query with converter', { timeout: 180_000 }, async () => {
    const admin = await open();
    const { frame, page, replies, errors } = admin;
    const demo = (await listOf('datasources')).find((item) => item.name === 'Demo Jira');
    expect(demo).toBeDefined();
    const demoView = await adminCall<{ baseUrl: string; testPath: string }>(host, 'datasources/get', { id: demo?.id });
    const token = await storedToken(host, demo?.id ?? '');
    expect(token).toMatch(/^pqdemo_/);

    // Datasource with bearer token auth against the demo API.
    await frame.getByTestId('new-datasource').click();
    await frame.getByTestId('ds-name').fill('UI test Jira');
    await frame.getByTestId('ds-base-url').fill(demoView.baseUrl);
    await frame.getByText('API token or personal access token').click();
    await frame.getByTestId('secret-token-input').fill(token);
    await frame.getByTestId('ds-test-path').fill(demoView.testPath);
    await frame.getByTestId('unsaved-badge').waitFor();
    await frame.getByTestId('save').click();
    await frame.getByTestId('saved-notice').waitFor();
    await frame.getByTestId('secret-token-configured').waitFor();
    expect(await frame.getByTestId('secret-token-input').count()).toBe(0);

    await frame.getByTestId('test-connection').click();
    const connection = frame.getByTestId('connection-result');
    await connection.waitFor();
    expect(await connection.getAttribute('data-ok')).toBe('true');
    expect(await connection.textContent()).toContain('credentials accepted');
    await screenshotAdmin(admin, 'admin-datasource-tested');

    // Query with a parameter, previewed before it has a converter.
    await frame.getByTestId('tab-query').click();
    await frame.getByTestId('new-query').click();
    await frame.getByTestId('query-name').fill('UI test open issues');
    await frame.locator('.query-datasource__control').click();
    await frame.getByText('UI test Jira', { exact: true }).click();
    await frame.getByTestId('query-url').fill('/rest/api/2/search?jql=project%3D:project&maxResults=5');
    await frame.getByTestId('parameter-project').waitFor();
    expect(await frame.getByTestId('parameter-table').locator('tbody tr').count()).toBe(1);
    await frame.getByTestId('sample-project').fill('SAMPLEPROJECT');
    await frame.getByTestId('run-preview').click();
    await frame.getByTestId('preview-timings').waitFor();
    expect(await frame.getByTestId('preview-error').count()).toBe(0);
    await frame.getByRole('tab', { name: 'Raw response' }).click();
    expect(await frame.getByTestId('raw-response').textContent()).toContain('HTTP 200');
    await frame.getByTestId('capture-sample').click();
    await frame.getByTestId('save').click();
    await frame.getByTestId('saved-notice').waitFor();

    // Converter written against the captured response.
    await frame.getByTestId('tab-converter').click();
    await frame.getByTestId('new-converter').click();
    await frame.getByTestId('converter-name').fill('UI test issues to rows');
    await frame.getByTestId('use-captured-sample').click();
    await setCode(
      frame,
      page,
      'converter-source',
      'function convert(json, metadata) {\n  return JSON.parse(json).issues.map(function (issue) {\n    return { key: issue.key, summary: issue.fields.summary };\n  });\n}\n',
    );
    await frame.getByTestId('run-converter').click();
    const output = frame.getByTestId('converter-output');
    await frame.locator('[data-testid="converter-output"], [data-testid="error-panel"]').first().waitFor();
    expect(await frame.getByTestId('error-panel').allTextContents()).toEqual([]);
    expect(await output.locator('thead th').allTextContents()).toEqual(['key', 'summary']);
    expect(await output.locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshotAdmin(admin, 'admin-converter-run');
    await frame.getByTestId('save').click();
    await frame.getByTestId('saved-notice').waitFor();

    // Back to the query: use the converter, preview again, save.
    await frame.getByTestId('tab-query').click();
    await frame.getByTestId('open-query-UI test open issues').click();
    await frame.locator('.query-converter__control').click();
    await frame.getByText('UI test issues to rows', { exact: true }).click();
    await frame.getByTestId('sample-project').fill('SAMPLEPROJECT');
    await frame.getByTestId('run-preview').click();
    await frame.getByTestId('rendered-result').waitFor();
    expect(await frame.getByTestId('rendered-result').locator('table th').first().textContent()).toBeTruthy();
    await frame.getByTestId('save').click();
    await frame.getByTestId('saved-notice').waitFor();
    await screenshotAdmin(admin, 'admin-query-preview');

    // The saved query runs for a page viewer.
    const query = (await listOf('queries')).find((item) => item.name === 'UI test open issues');
    const run = await invokeAs<{ html: string; tables: { rows: unknown[][] }[] }>(host, VIEWER, 'macro/run', {
      config: { queryId: query?.id, parameters: { project: 'SAMPLEPROJECT' } },
    });
    expect(run.ok).toBe(true);
    expect(run.data?.tables[0]?.rows.length).toBeGreaterThan(0);

    // Placed on a demo page through the macro's configuration dialog, it shows the rows.
    const pageView = await admin.context.newPage();
    pageView.setDefaultTimeout(20_000);
    await pageView.goto(`${host.url}/wiki/spaces/DEMO/pages/1002`);
    const macrosBefore = await pageView.locator('section.pq-macro').count();
    await pageView.click('#pq-edit-toggle');
    await pageView.click('#pq-insert-macro');
    const dialog = pageView.frameLocator('#pq-config-dialog iframe');
    await dialog.getByLabel('Search queries').fill('UI test open issues');
    await dialog.getByRole('option', { name: /UI test open issues/ }).click();
    await dialog.getByLabel('project').fill('SAMPLEPROJECT');
    await Promise.all([pageView.waitForEvent('load'), dialog.getByRole('button', { name: 'Save' }).click()]);
    await expect.poll(() => pageView.locator('section.pq-macro').count(), POLL).toBe(macrosBefore + 1);
    const placed = pageView.locator('section.pq-macro').nth(macrosBefore).frameLocator('iframe');
    await expect.poll(() => placed.locator('body').textContent(), { timeout: 20_000 }).toContain('SAMPLEPROJECT-');
    await screenshot(pageView, 'admin-query-on-page');
    await pageView.close();

    // The token never came back to the browser, in any reply or in the page.
    await settle(page);
    expect(replies.length).toBeGreaterThan(10);
    for (const reply of replies) expect(reply).not.toContain(token);
    expect(await frame.locator('body').innerHTML()).not.toContain(token);
    expect(errors).toEqual([]);
  });

  it('datasource editor steers to secure settings', async () => {
    const admin = await open();
    const { frame, page, replies } = admin;
    await frame.getByTestId('list-datasource').getByTestId('expiry-badge').first().waitFor();

    // The list rows carry the token expiry, so no datasource was read just for the badges.
    await settle(page);
    expect(replies.filter((reply) => reply.includes('"baseUrl"'))).toEqual([]);

    // Write-only secret: "configured" with Replace, never a value.
    await frame.getByTestId('open-datasource-Demo Jira').click();
    await frame.getByTestId('secret-token-configured').waitFor();
    expect(await frame.getByTestId('secret-token-input').count()).toBe(0);
    await frame.getByTestId('secret-token-replace').click();
    expect(await frame.getByTestId('secret-token-input').inputValue()).toBe('');
    await frame.getByTestId('secret-token').getByRole('button', { name: 'Cancel' }).click();
    await frame.getByTestId('secret-token-configured').waitFor();
    await frame.getByTestId('back-to-list').click();

    // Plain http is refused until it is allowed explicitly, which marks the datasource.
    await frame.getByTestId('new-datasource').click();
    await frame.getByTestId('ds-name').fill('UI test insecure');
    await frame.getByTestId('ds-base-url').fill('http://intranet.example.test/api');
    await frame.getByText(/Plain http is refused/).waitFor();

    // Basic auth gets a note recommending a token, with a way to switch.
    await frame.getByText('Username and password (HTTP Basic)').click();
    const advice = frame.getByTestId('basic-advice');
    await advice.waitFor();
    expect(await advice.textContent()).toContain('revoked on its own');
    await advice.getByRole('button', { name: 'Use a token instead' }).click();
    await frame.getByTestId('secret-token-input').waitFor();
    expect(await frame.getByTestId('basic-advice').count()).toBe(0);

    await frame.getByLabel('Allow insecure http (not recommended)').check();
    await frame.getByTestId('insecure-warning').waitFor();
    expect(await frame.getByText(/Plain http is refused/).count()).toBe(0);
    await screenshotAdmin(admin, 'admin-datasource-insecure');
    await frame.getByText('None (public API)').click();
    await frame.getByTestId('save').click();
    await frame.getByTestId('saved-notice').waitFor();
    await frame.getByTestId('back-to-list').click();
    const row = frame.getByTestId('list-datasource').locator('tr', { hasText: 'UI test insecure' });
    await row.getByTestId('insecure-badge').waitFor();
  });

  it('invalid datasource lists each problem', async () => {
    const { frame } = await open();
    await frame.getByTestId('new-datasource').click();
    await frame.getByTestId('ds-base-url').fill('ftp://example.com');
    await frame.getByTestId('save').click();
    const panel = frame.locator('[data-testid="error-panel"][data-error-code="VALIDATION_FAILED"]');
    await panel.waitFor();
    expect(await panel.locator('li').count()).toBeGreaterThan(0);
    expect(await frame.getByTestId('unsaved-badge').count()).toBe(1);
  });

  it('export leaves every secret out', async () => {
    const { frame, page } = await open();
    const demo = (await listOf('datasources')).find((item) => item.name === 'Demo Jira');
    const token = await storedToken(host, demo?.id ?? '');
    await frame.getByTestId('tab-transfer').click();

    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByTestId('export').click()]);
    const text = readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toMatch(/^rest-data-config-\d{4}-\d{2}-\d{2}\.json$/);
    expect(text).not.toContain(token);
    const file = JSON.parse(text) as { datasources: { name: string; secretEnv?: Record<string, string> }[] };
    expect(file.datasources.find((datasource) => datasource.name === 'Demo Jira')?.secretEnv?.token).toBeTruthy();
    expect(await frame.getByTestId('export-done').textContent()).toContain('Demo Jira: token');
  });

  it('concurrent save ends in a conflict, not a lost edit', async () => {
    const created = await adminCall<{ id: string }>(host, 'converters/save', {
      draft: { kind: 'converter', name: 'UI test conflict', description: 'original', source: 'function convert(json) { return json; }\n', sampleInput: '[]' },
    });
    const first = await open();
    const second = await open();
    for (const admin of [first, second]) {
      await admin.frame.getByTestId('tab-converter').click();
      await admin.frame.getByTestId('open-converter-UI test conflict').click();
      await admin.frame.getByTestId('converter-name').waitFor();
    }

    await first.frame.getByLabel('Description').fill('edited by the first admin');
    await first.frame.getByTestId('save').click();
    await first.frame.getByTestId('saved-notice').waitFor();

    await second.frame.getByLabel('Description').fill('edited by the second admin');
    await second.frame.getByTestId('save').click();
    const conflict = second.frame.locator('[data-testid="error-panel"][data-error-code="CONFLICT"]');
    await conflict.waitFor();
    const diff = conflict.getByTestId('conflict-diff');
    await diff.waitFor();
    expect(await diff.locator('tbody th').allTextContents()).toEqual(['description']);
    expect(await diff.locator('tbody td').allTextContents()).toEqual(['edited by the first admin', 'edited by the second admin']);
    await screenshotAdmin(second, 'admin-conflict');

    const stored = await adminCall<{ description: string }>(host, 'converters/get', { id: created.id });
    expect(stored.description).toBe('edited by the first admin');

    await second.frame.getByTestId('conflict-reload').click();
    await expect.poll(() => second.frame.getByLabel('Description').inputValue(), POLL).toBe('edited by the first admin');

    // Overwriting is possible, but only as an explicit choice after the conflict.
    await second.frame.getByLabel('Description').fill('second admin, after reloading');
    await second.frame.getByTestId('save').click();
    await second.frame.getByTestId('saved-notice').waitFor();
    await first.frame.getByLabel('Description').fill('first admin, on purpose');
    await first.frame.getByTestId('save').click();
    await first.frame.getByTestId('conflict-overwrite').click();
    await first.frame.getByTestId('saved-notice').waitFor();
    const overwritten = await adminCall<{ description: string; version: number }>(host, 'converters/get', { id: created.id });
    expect(overwritten.description).toBe('first admin, on purpose');
    expect(overwritten.version).toBe(4);
  });

  it('import of an invalid file changes nothing', async () => {
    const before = await adminCall<Record<string, unknown>>(host, 'config/export');
    const admin = await open();
    const { frame } = admin;
    await frame.getByTestId('tab-transfer').click();

    const notJson = join(RESULTS_DIR, 'admin-import-not-json.json');
    writeFileSync(notJson, '{"format": ');
    await frame.getByTestId('import-file').setInputFiles(notJson);
    await frame.locator('[data-testid="error-panel"][data-error-code="IMPORT_INVALID"]').waitFor();

    const badEntity = join(RESULTS_DIR, 'admin-import-bad-entity.json');
    const file = {
      ...before,
      datasources: [...(before.datasources as unknown[]), { kind: 'datasource', name: 'UI test bad', description: '', baseUrl: 'javascript:alert(1)', auth: { kind: 'none' }, headers: {}, allowedHosts: [], testPath: '/', timeoutMs: 1000, maxResponseBytes: 1024, allowInsecureHttp: false, schemaVersion: 1, id: 'ui-test-bad' }],
      converters: [...(before.converters as unknown[]), { kind: 'converter', id: 'ui-test-new', schemaVersion: 1, name: 'UI test would be new', description: '', source: 'function convert(j) { return j; }', sampleInput: '' }],
    };
    writeFileSync(badEntity, JSON.stringify(file));
    await frame.getByTestId('import-file').setInputFiles(badEntity);
    const outcome = frame.locator('[data-testid="import-plan"], [data-testid="error-panel"]');
    await outcome.first().waitFor();
    await screenshotAdmin(admin, 'admin-import-invalid');
    // The dry run either marks the bad entity invalid, which disables Import,
    // or lets the admin apply and the all-or-nothing save rejects it.
    await frame.getByTestId('import-plan').waitFor();
    if ((await frame.locator('tr[data-action="invalid"]').count()) > 0) {
      expect(await frame.getByTestId('apply-import').isDisabled()).toBe(true);
    } else {
      await frame.getByTestId('apply-import').click();
      await frame.locator('[data-testid="error-panel"]').waitFor();
      expect(await frame.getByTestId('import-plan').getAttribute('data-applied')).toBe('false');
    }
    await screenshotAdmin(admin, 'admin-import-rejected');

    const after = await adminCall<Record<string, unknown>>(host, 'config/export');
    expect({ ...after, exportedAt: '' }).toEqual({ ...before, exportedAt: '' });
  });

  it('import applies a valid file after the dry run', async () => {
    const { frame } = await open();
    await frame.getByTestId('tab-transfer').click();
    const path = join(RESULTS_DIR, 'admin-import-valid.json');
    const file = {
      format: 'rest-data-for-confluence/config',
      formatVersion: 1,
      exportedAt: new Date().toISOString(),
      datasources: [],
      queries: [],
      converters: [{ kind: 'converter', id: 'ui-test-imported', schemaVersion: 1, name: 'UI test imported', description: 'From a file', source: 'function convert(json) { return JSON.parse(json); }\n', sampleInput: '[]' }],
      templates: [],
    };
    writeFileSync(path, JSON.stringify(file));
    await frame.getByTestId('import-file').setInputFiles(path);

    const plan = frame.getByTestId('import-plan');
    await plan.locator('tr[data-action="create"]', { hasText: 'UI test imported' }).waitFor();
    expect((await listOf('converters')).some((item) => item.name === 'UI test imported')).toBe(false);

    await frame.getByTestId('apply-import').click();
    await frame.locator('[data-testid="import-plan"][data-applied="true"]').waitFor();
    expect((await listOf('converters')).some((item) => item.name === 'UI test imported')).toBe(true);
  });

  it('delete of a datasource in use lists its users', async () => {
    const admin = await open();
    const { frame } = admin;
    const demo = (await listOf('datasources')).find((item) => item.usedBy.length > 0);
    expect(demo).toBeDefined();
    await frame.getByTestId(`open-datasource-${demo?.name}`).click();
    await frame.getByTestId('delete').click();
    await frame.getByTestId('confirm-delete').click();
    const panel = frame.locator('[data-testid="error-panel"][data-error-code="IN_USE"]');
    await panel.waitFor();
    expect(await panel.getByTestId('used-by').locator('li').count()).toBe(demo?.usedBy.length);
    await screenshotAdmin(admin, 'admin-delete-in-use');
    expect((await listOf('datasources')).some((item) => item.id === demo?.id)).toBe(true);
  });

  it('unsaved changes are guarded when leaving', async () => {
    const { frame, errors } = await open();
    await frame.getByTestId('tab-template').click();
    await frame.getByTestId('new-template').click();
    await frame.getByTestId('template-name').fill('UI test unsaved');
    await frame.getByTestId('tab-query').click();

    const dialog = frame.getByTestId('unsaved-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    expect(await frame.getByTestId('template-name').inputValue()).toBe('UI test unsaved');
    expect(errors).toEqual([]);

    await frame.getByTestId('back-to-list').click();
    await frame.getByTestId('unsaved-dialog').getByRole('button', { name: 'Discard changes' }).click();
    await frame.getByTestId('list-template').waitFor();
  });

  it('parameters follow the URL as it is typed', async () => {
    const { frame } = await open();
    await frame.getByTestId('tab-query').click();
    await frame.getByTestId('new-query').click();
    const url = frame.getByTestId('query-url');
    await url.fill('/x/:first?at=10:30&u=https://h&c=a::b&s=:@space.key&n=:second_2&again=:first');
    const rows = frame.getByTestId('parameter-table').locator('tbody th');
    await expect.poll(() => rows.allTextContents(), POLL).toEqual([':first', ':second_2']);
    expect(await frame.getByTestId('wildcards').locator('tr', { hasText: '@space.key' }).textContent()).toContain('used');

    await url.fill('/x?n=:second_2');
    await expect.poll(() => rows.allTextContents(), POLL).toEqual([':second_2']);
  });

  it('template preview draws charts and marks errors', async () => {
    const admin = await open();
    const { frame, page } = admin;
    await frame.getByTestId('tab-template').click();
    await frame.getByTestId('new-template').click();
    await frame.getByTestId('template-name').fill('UI test chart');
    await setCode(frame, page, 'template-source', '## @param emptymsg: Nothing\n<h3>Counts</h3>\n$PQ.chart(\'ColumnChart\', {"title": "Counts"})\n');
    await setCode(frame, page, 'template-data', '[{"type": "Bug", "count": 3}, {"type": "Task", "count": 5}]');
    await frame.getByTestId('run-template').click();
    await frame.getByTestId('rendered-result').locator('.pq-chart canvas').waitFor();
    await screenshotAdmin(admin, 'admin-template-chart');

    await setCode(frame, page, 'template-source', '<ul>\n#foreach($row in $result)\n  <li>$row.type</li>\n');
    await frame.getByTestId('run-template').click();
    const panel = frame.locator('[data-testid="error-panel"][data-error-code="TEMPLATE_SYNTAX"]');
    await panel.waitFor();
    expect(await panel.textContent()).toMatch(/line \d+/);
    await frame.getByTestId('template-source').locator('.cm-lint-marker-error').waitFor();
  });

  it('template preview runs no script from data', async () => {
    const { frame, page } = await open();
    await frame.getByTestId('tab-template').click();
    await frame.getByTestId('new-template').click();
    await setCode(frame, page, 'template-source', '<div id="escaped">$result.payload</div>\n<div id="trusted">$PQ.html($result.payload)</div>\n');
    await setCode(
      frame,
      page,
      'template-data',
      JSON.stringify({ payload: '<img src="x" onerror="window.__pqXss = 1"><script>window.__pqXss = 2</script><a href="javascript:window.__pqXss = 3">link</a>' }),
    );
    await frame.getByTestId('run-template').click();
    const rendered = frame.getByTestId('rendered-result');
    await rendered.locator('#trusted').waitFor();
    await page.waitForTimeout(300);

    expect(await rendered.locator('#escaped').textContent()).toContain('<img src="x"');
    expect(await rendered.locator('script').count()).toBe(0);
    expect(await rendered.locator('[onerror]').count()).toBe(0);
    expect(await rendered.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await frame.locator('body').evaluate(() => (window as unknown as { __pqXss?: number }).__pqXss)).toBeUndefined();
  });

  it('converter syntax error is marked at its line', async () => {
    const admin = await open();
    const { frame, page } = admin;
    await frame.getByTestId('tab-converter').click();
    await frame.getByTestId('new-converter').click();
    await setCode(frame, page, 'converter-source', 'function convert(json) {\n  return [1, 2;\n}\n');
    await frame.getByTestId('run-converter').click();
    const panel = frame.locator('[data-testid="error-panel"][data-error-code="CONVERTER_SYNTAX"]');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('line 2');
    const marker = frame.getByTestId('converter-source').locator('.cm-lint-marker-error');
    await marker.waitFor();
    await screenshotAdmin(admin, 'admin-converter-error');
  });

  it('works by keyboard alone', async () => {
    const { frame, page } = await open();
    await frame.getByTestId('list-datasource').waitFor();
    await frame.getByRole('tab', { name: 'Datasources' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await frame.getByTestId('list-converter').waitFor();

    await frame.getByLabel('Search converters').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await frame.getByTestId('converter-name').waitFor();
    await expect.poll(() => frame.getByTestId('converter-name').evaluate((input) => input === document.activeElement), POLL).toBe(true);
    await page.keyboard.type('UI test keyboard converter');
    await page.keyboard.press('ControlOrMeta+s');
    await frame.getByTestId('saved-notice').waitFor();
    expect((await listOf('converters')).some((item) => item.name === 'UI test keyboard converter')).toBe(true);
  });

  it.each(['light', 'dark'] as const)('renders natively in %s mode', async (colorMode) => {
    const admin = await open({ colorMode });
    const { frame, page, errors } = admin;
    await frame.getByTestId('list-datasource').waitFor();
    await settle(page);
    await screenshotAdmin(admin, `admin-list-${colorMode}`);

    const expiring = (await listOf('datasources')).find((item) => item.name.includes('expiring'));
    await frame.getByTestId(`open-datasource-${expiring?.name}`).click();
    await frame.getByTestId('token-expiry-warning').waitFor();
    await screenshotAdmin(admin, `admin-datasource-${colorMode}`);

    const converter = (await listOf('converters')).find((item) => item.usedBy.length > 0 && !item.name.startsWith('UI test'));
    await frame.getByTestId('tab-converter').click();
    await frame.getByTestId(`open-converter-${converter?.name}`).click();
    await frame.getByTestId('converter-source').locator('.cm-content').waitFor();
    await frame.getByTestId('run-converter').click();
    await frame.getByTestId('converter-output').waitFor();
    await screenshotAdmin(admin, `admin-converter-${colorMode}`);

    const query = (await listOf('queries')).find((item) => item.name === 'Open issues of a project');
    await frame.getByTestId('tab-query').click();
    await frame.getByTestId(`open-query-${query?.name}`).click();
    await frame.getByTestId('run-preview').click();
    await frame.getByTestId('rendered-result').waitFor();
    await screenshotAdmin(admin, `admin-query-${colorMode}`);

    const background = await frame.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
    const channels = (background.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    const brightness = channels.reduce((sum, channel) => sum + channel, 0) / 3;
    if (colorMode === 'dark') expect(brightness).toBeLessThan(80);
    else expect(brightness).toBeGreaterThan(200);
    expect(errors).toEqual([]);
  });
});
