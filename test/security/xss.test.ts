// XSS end to end. The corpus is served as REST data by a server on
// 127.0.0.1, passed as parameter values, written into template source and
// returned in an upstream error. The real macro bundle renders it on the local
// host in headless Chromium. A sink in every frame records any script that
// runs, dialogs are recorded too, and the DOM is scanned for markup that could
// run later. Everything runs twice: as deployed, with the app's Content
// Security Policy, and with CSP bypassed, so the sanitizer alone must hold.

import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { sendJson, startTestServer, type TestServer } from '../support/https-server';
import { converterDraft, datasourceDraft, parameter, queryDraft, templateDraft } from './support/drafts';
import { startLocalHost, type LocalHost } from '../support/local-host';
import { XSS_PAYLOADS } from './support/xss-corpus';

const ADMIN = 'local-admin';
const PAGE_ID = '1001';

interface ExecutionLog {
  executions: string[];
  dialogs: string[];
  violations: string[];
}

describe('XSS in the rendered macro', () => {
  let host: LocalHost;
  let browser: TestBrowser;
  let payloadServer: TestServer;
  let macroCount = 0;

  async function invoke(functionKey: string, payload: unknown): Promise<{ id: string }> {
    const response = await fetch(`${host.url}/api/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-account-id': ADMIN },
      body: JSON.stringify({ functionKey, payload }),
    });
    const body = (await response.json()) as { ok: boolean; data: { id: string }; error?: unknown };
    if (!body.ok) throw new Error(`${functionKey} failed: ${JSON.stringify(body.error)}`);
    return body.data;
  }

  async function pageApi(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${host.url}/api/pages/${PAGE_ID}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-local-account-id': ADMIN },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /api/pages/${PAGE_ID}${path} returned ${response.status}: ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  }

  beforeAll(async () => {
    const rows = XSS_PAYLOADS.map((payload) => ({ payload: payload.html, id: payload.id }));
    payloadServer = await startTestServer({
      protocol: 'http',
      routes: {
        '/rows': ({ res }) => sendJson(res, 200, rows),
        '/chart': ({ res }) => sendJson(res, 200, rows.map((row) => ({ label: row.payload, count: row.id }))),
        '/error': ({ res }) => sendJson(res, 401, { errorMessages: XSS_PAYLOADS.slice(0, 20).map((payload) => payload.html), message: XSS_PAYLOADS[1]!.html }),
      },
    });
    [host, browser] = await Promise.all([startLocalHost({ privateHostsAllowed: [`127.0.0.1:${payloadServer.port}`] }), launchBrowser()]);

    const datasource = await invoke('datasources/save', {
      draft: datasourceDraft(payloadServer.url, { name: 'Hostile API', auth: { kind: 'none' }, allowInsecureHttp: true }),
    });
    const template = async (name: string, source: string) => (await invoke('templates/save', { draft: templateDraft(source, { name }) })).id;
    const query = async (name: string, overrides: Parameters<typeof queryDraft>[1]) => (await invoke('queries/save', { draft: queryDraft(datasource.id, { name, ...overrides }) })).id;

    // Template source with the payloads written in; Velocity syntax in a payload would be a directive, so those stay out.
    const literal = XSS_PAYLOADS.filter((payload) => !/[#$]/.test(payload.html))
      .map((payload) => `<div>${payload.html}</div>`)
      .join('\n');
    const passthrough = await invoke('converters/save', { draft: converterDraft('function convert(json) { return JSON.parse(json); }') });

    const queries = {
      table: await query('Default table', { url: '/rows' }),
      escaped: await query('Escaped references', {
        url: '/rows',
        templateId: await template('Escaped', '<table>#foreach($row in $result)<tr><td title="$row.payload">$row.payload</td><td><a href="$row.payload">$row.id</a></td><td><img alt="$row.payload" src="https://example.com/$row.id.png"></td></tr>#end</table>'),
      }),
      trusted: await query('Trusted HTML', {
        url: '/rows',
        converterId: passthrough.id,
        templateId: await template('Trusted', '#foreach($row in $result)<div class="cell">$PQ.html($row.payload)</div>#end'),
      }),
      literal: await query('Literal template', { url: '/rows', templateId: await template('Literal', literal) }),
      chart: await query('Chart', { url: '/chart', templateId: await template('Chart', "<script>PocketQuery.chart('ColumnChart', {title: 'Payloads'})</script>") }),
      error: await query('Upstream error', { url: '/error' }),
      parameters: await query('Parameters', {
        url: '/rows?p=:p',
        parameters: [parameter('p', { viewerEditable: true, default: 'x' })],
        templateId: await template('Parameters', '<p title="$queryParameters.p">$queryParameters.p</p><div>$PQ.html($queryParameters.p)</div>'),
      }),
    };

    const page = (await pageApi('GET', '')) as { document: { macros: { localId: string }[] } };
    for (const macro of page.document.macros) await pageApi('DELETE', `/macros/${macro.localId}`);

    const configs: { queryId: string; parameters: Record<string, string> }[] = [
      { queryId: queries.table, parameters: {} },
      { queryId: queries.escaped, parameters: {} },
      { queryId: queries.trusted, parameters: {} },
      { queryId: queries.literal, parameters: {} },
      { queryId: queries.chart, parameters: {} },
      { queryId: queries.error, parameters: {} },
    ];
    // Parameter values hold no control characters, and each is at most 2000 characters.
    let group = '';
    for (const payload of XSS_PAYLOADS.filter((entry) => !/[\u0000-\u001f]/.test(entry.html))) {
      if (group.length + payload.html.length > 1900) {
        configs.push({ queryId: queries.parameters, parameters: { p: group } });
        group = '';
      }
      group += payload.html;
    }
    if (group) configs.push({ queryId: queries.parameters, parameters: { p: group } });

    for (const config of configs) await pageApi('POST', '/macros', { config });
    macroCount = configs.length;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    host?.cleanup();
    await payloadServer?.close();
  });

  it('uses at least 50 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
  });

  describe.each([
    ['with the app CSP', false],
    ['with CSP bypassed', true],
  ])('%s', (label, bypassCSP) => {
    let page: Page;
    let log: ExecutionLog;
    let frames: Frame[];

    beforeAll(async () => {
      log = { executions: [], dialogs: [], violations: [] };
      const context = await browser.newContext({ bypassCSP, viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      await page.exposeBinding('__xssRecord', ({ frame }, kind: string, detail: string) => {
        if (kind === 'csp') log.violations.push(`${frame.url()} ${detail}`);
        else log.executions.push(`${frame.url()} payload ${detail}`);
      });
      await page.addInitScript(() => {
        const record = (window as unknown as { __xssRecord: (kind: string, detail: string) => void }).__xssRecord;
        (window as unknown as { __xss: (id: unknown) => void }).__xss = (id) => record('run', String(id));
        document.addEventListener('securitypolicyviolation', (event) => record('csp', `${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
      });
      page.on('dialog', (dialog) => {
        log.dialogs.push(dialog.message());
        void dialog.dismiss();
      });

      await page.goto(`${host.url}/wiki/spaces/DEMO/pages/${PAGE_ID}`);
      frames = await renderedMacroFrames(page, macroCount);
      await interact(frames, page);
    }, 90_000);

    it('runs no payload', async () => {
      // The sink must exist in every macro frame, or a payload could run unseen.
      for (const frame of frames) expect(await frame.evaluate(() => typeof (window as unknown as { __xss?: unknown }).__xss)).toBe('function');
      expect(log.executions).toEqual([]);
    });

    it('opens no dialog', () => {
      expect(log.dialogs).toEqual([]);
    });

    // Chromium reports script-src-attr for handler attributes even while the
    // sanitizer parses them in an inert document, so those are expected. Any
    // other directive would mean that a payload reached the live page.
    it('leaves nothing else for CSP to stop', () => {
      expect(log.violations.filter((violation) => !/ script-src-attr inline /.test(violation))).toEqual([]);
    });

    it('keeps no executable markup in the DOM', async () => {
      for (const frame of frames) {
        const found = await frame.evaluate(() => {
          const problems: string[] = [];
          // The parameter bar is the app's own form; everything derived from data lives in these.
          for (const element of document.querySelectorAll('.pq-result *, .pq-error *, .pq-empty *, .pq-warnings *')) {
            const tag = element.tagName.toLowerCase();
            if (['script', 'iframe', 'object', 'embed', 'base', 'meta', 'form', 'frame', 'frameset'].includes(tag)) problems.push(`<${tag}>`);
            for (const attribute of element.attributes) {
              const name = attribute.name.toLowerCase();
              const value = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
              if (name.startsWith('on')) problems.push(`${tag} ${name}`);
              if (/^(javascript|vbscript|data):/.test(value) && ['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'srcdoc', 'data'].includes(name)) problems.push(`${tag} ${name}=${value.slice(0, 40)}`);
              if (name === 'style' && /expression\(|url\(\s*['"]?\s*javascript:/.test(value)) problems.push(`${tag} style`);
            }
          }
          return problems;
        });
        expect(found, frame.url()).toEqual([]);
      }
    });

    it('shows payloads as text', async () => {
      const texts = await Promise.all(frames.map((frame) => frame.locator('.pq-macro').innerText()));
      const all = texts.join('\n');
      expect(all).toContain('<script>__xss(1)</script>');
      expect(all).toContain('<img src=x onerror=__xss(2)>');
      await screenshot(page, `security-xss-${label}`);
    });
  });
});

/** Waits until every macro iframe shows a result, an error or an empty state. */
async function renderedMacroFrames(page: Page, count: number): Promise<Frame[]> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const frames = page.frames().filter((frame) => frame.url().includes('/apps/macro/'));
    if (frames.length >= count) {
      const states = await Promise.all(frames.map((frame) => frame.locator('.pq-result, .pq-error, [data-state="empty"]').count().catch(() => 0)));
      if (states.every((state) => state > 0)) return frames;
    }
    if (Date.now() > deadline) throw new Error(`Only ${frames.length} of ${count} macro frames rendered in time.`);
    await page.waitForTimeout(200);
  }
}

/**
 * Does what a reader does, inside each frame so it stays fast. It clicks every
 * button, summary and link except plain web links, which only open a tab
 * through the router. It also sends mouse and focus events to every element
 * of the result.
 */
async function interact(frames: Frame[], page: Page): Promise<void> {
  for (const frame of frames) {
    await frame.evaluate(() => {
      const elements = [...document.querySelectorAll<HTMLElement>('.pq-result *, .pq-error *')];
      for (const element of elements) {
        for (const type of ['mouseover', 'mouseenter', 'pointerenter', 'focus', 'animationstart', 'toggle']) element.dispatchEvent(new Event(type));
        element.focus?.();
        const href = element.getAttribute('href') ?? '';
        const isWebLink = element.tagName === 'A' && /^https?:/i.test(href);
        if (!isWebLink && /^(A|BUTTON|SUMMARY)$/.test(element.tagName)) element.click();
      }
    });
  }
  for (let index = 0; index < 10; index += 1) await page.keyboard.press('Tab');
  await page.waitForTimeout(500);
}
