// Shared browser and static server for one test file.

import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type TestBrowser } from '../../../support/browser';
import { assertBuilt } from './macro-page';
import { startStaticServer, type StaticServer } from './static-server';

export interface Suite {
  browser: TestBrowser;
  server: StaticServer;
}

/** Starts Chromium and the static server before the file's tests and stops them after. */
export function useBrowserSuite(options: { csp?: boolean } = {}): Suite {
  const suite = {} as Suite;

  beforeAll(async () => {
    assertBuilt();
    [suite.browser, suite.server] = await Promise.all([launchBrowser(), startStaticServer({ csp: options.csp ?? true })]);
  });

  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });

  return suite;
}
