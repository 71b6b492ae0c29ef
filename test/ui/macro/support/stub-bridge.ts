// A stand-in for Forge's global bridge script, installed in a Playwright page
// before the bundle loads. Calls from @forge/bridge reach the Node test through
// an exposed function, so each test decides what every resolver returns and
// can assert what the front end sent.

import type { Page } from 'playwright-core';
import type { MacroConfig } from '../../../../src/contract/entities';
import type { ResolverResponse, WireError } from '../../../../src/contract/errors';

export type ResolverHandler = (key: string, payload: unknown) => ResolverResponse<unknown> | Promise<ResolverResponse<unknown>>;

export interface StubBridgeOptions {
  /** `extension.config` of the context; undefined for a macro that was never configured. */
  config?: MacroConfig;
  colorMode?: 'light' | 'dark';
  siteUrl?: string;
  resolve: ResolverHandler;
}

export interface BridgeCall {
  type: string;
  payload: unknown;
}

export interface StubBridge {
  calls: BridgeCall[];
  /** Payloads sent to one resolver key, in order. */
  invocations(key: string): unknown[];
}

export function ok<T>(data: T): ResolverResponse<T> {
  return { ok: true, data };
}

export function fail(error: WireError): ResolverResponse<never> {
  return { ok: false, error };
}

export async function installStubBridge(page: Page, options: StubBridgeOptions): Promise<StubBridge> {
  const calls: BridgeCall[] = [];
  const siteUrl = options.siteUrl ?? 'https://example.atlassian.net';

  await page.exposeFunction('__pqStubCall', async (type: string, payload: unknown) => {
    calls.push({ type, payload });
    switch (type) {
      case 'getContext':
        return {
          extension: { type: 'macro', config: options.config, content: { id: '1001' }, space: { key: 'DEMO' } },
          siteUrl,
          localId: 'macro-local-id',
          moduleKey: 'rest-data-macro',
          accountId: 'account-1',
          locale: 'en-US',
          timezone: 'UTC',
          environmentId: 'test',
          environmentType: 'DEVELOPMENT',
        };
      case 'invoke': {
        const { functionKey, payload: invokePayload } = payload as { functionKey: string; payload: unknown };
        return options.resolve(functionKey, invokePayload);
      }
      case 'submit':
      case 'close':
      case 'navigate':
        return true;
      default:
        return undefined;
    }
  });

  // A string, not a function: tsx (used by the benchmark) adds helper calls to
  // compiled functions that do not exist inside the page.
  await page.addInitScript({ content: bridgeScript(options.colorMode ?? 'light') });

  return {
    calls,
    invocations: (key) =>
      calls
        .filter((call) => call.type === 'invoke' && (call.payload as { functionKey: string }).functionKey === key)
        .map((call) => (call.payload as { payload: unknown }).payload),
  };
}

function bridgeScript(colorMode: 'light' | 'dark'): string {
  return `(() => {
  const stubCall = window.__pqStubCall;
  globalThis.__bridge = {
    callBridge: async (type, payload) => {
      if (type === 'enableTheming') {
        // What Forge does on view.theme.enable(): token stylesheet plus theme attributes on <html>.
        const root = document.documentElement;
        root.setAttribute('data-color-mode', ${JSON.stringify(colorMode)});
        root.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography shape:shape');
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = '/tokens.css';
        const loaded = new Promise((resolve) => link.addEventListener('load', resolve));
        document.head.append(link);
        await loaded;
        return undefined;
      }
      const response = await stubCall(type, payload === undefined ? null : payload);
      // When each resolver's data reached the page; the UI benchmark measures rendering from here.
      if (type === 'invoke') (window.__pqResolvedAt ??= {})[payload.functionKey] = performance.now();
      return response;
    },
  };
})();`;
}
