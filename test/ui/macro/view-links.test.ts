import { describe, expect, it } from 'vitest';
import { baseResult } from './support/fixtures';
import { openFrontEnd } from './support/macro-page';
import { ok } from './support/stub-bridge';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const SITE = 'https://example.atlassian.net';

const HTML = [
  `<a id="same-site" href="${SITE}/wiki/spaces/DEMO/pages/1001">same site</a>`,
  '<a id="relative" href="/wiki/spaces/DEMO/pages/1002">relative</a>',
  '<a id="external" href="https://issues.apache.org/jira/browse/SLING-1">external</a>',
  '<a id="mail" href="mailto:team@example.com">mail</a>',
  '<a id="anchor" href="#section">anchor</a>',
].join(' ');

describe('macro view > links', () => {
  it('open through the router', async () => {
    const { page, bridge } = await openFrontEnd(suite.browser, suite.server.url, 'macro', {
      config: { queryId: 'q', parameters: {} },
      siteUrl: SITE,
      resolve: () => ok(baseResult({ html: HTML })),
    });
    await page.getByText('same site').waitFor();

    // The sanitizer drops id attributes, so the links are found by their text.
    for (const text of ['same site', 'relative', 'external', 'mail', 'anchor']) await page.getByText(text, { exact: true }).click();
    await expect.poll(() => bridge.calls.filter((call) => call.type === 'navigate').length).toBe(4);

    expect(bridge.calls.filter((call) => call.type === 'navigate').map((call) => call.payload)).toEqual([
      { url: `${SITE}/wiki/spaces/DEMO/pages/1001`, type: 'same-tab' },
      { url: `${SITE}/wiki/spaces/DEMO/pages/1002`, type: 'same-tab' },
      { url: 'https://issues.apache.org/jira/browse/SLING-1', type: 'new-tab' },
      { url: 'mailto:team@example.com', type: 'new-tab' },
    ]);
    // The iframe itself never navigated away.
    expect(page.url()).toMatch(/\/macro\/index\.html(#section)?$/);
  });
});
