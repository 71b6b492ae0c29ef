// The local host's HTTP server on 127.0.0.1: the shell pages, the app bundles,
// the shell's assets and the JSON API behind the bridge.
//
//   GET  /                                 redirect to the demo page
//   GET  /wiki/spaces/:space/pages/:id     a page with its macros
//   GET  /wiki/admin/rest-data             the app's admin settings page
//   GET  /apps/:resource/*                 built bundles (macro, config, admin)
//   GET  /__local/*                        bridge.js, shell.js, shell.css, tokens.css
//   POST /api/invoke                       a resolver call (see docs/local-host.md)
//   GET  /api/users                        the users of the switcher
//   GET  /api/pages/:id                    a page and its macro configs
//   PUT  /api/pages/:id/macros/:localId    save a macro's config (view.submit)
//   POST /api/pages/:id/macros             insert a macro
//   DELETE /api/pages/:id/macros/:localId  remove a macro
//   GET  /api/product/confluence/*         Confluence REST calls of requestConfluence()
//   POST /api/demo/reset                   restore the demo (admins only)
//   GET|DELETE /api/demo/requests          count (or zero) the demo API's requests

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../core/ports';
import { canView, PageNotFoundError, type PageStore } from '../confluence/page-store';
import { answerConfluenceRequest } from '../confluence/rest-api';
import { LOCAL_USERS, type LocalUser } from '../confluence/users';
import type { DemoApi } from '../demo-api/server';
import type { ShellAssets } from '../shell/assets';
import { renderAdminView, renderMessagePage, renderPageView, type RenderContext } from '../shell/render';
import { isAppResource, serveAppFile } from './app-bundles';
import { pageUser, readCookie, requireApiUser } from './current-user';
import { handleInvoke, type InvokeFunction } from './invoke-route';
import { checkHost, checkOrigin } from './request-guard';
import { HttpError, readJson, sendError, sendJson, sendText } from './respond';

export interface LocalServerDeps {
  pages: PageStore;
  invoke: InvokeFunction;
  assets: ShellAssets;
  /** Directory with <resource>/build folders; static/ in the project. */
  staticDir: string;
  logger: Logger;
  resetDemo(): Promise<void>;
  demoApi: Pick<DemoApi, 'requestCounts' | 'resetRequestCounts'>;
}

function shellCsp(port: number): string {
  return `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src http://127.0.0.1:${port} http://localhost:${port}; object-src 'none'; base-uri 'none'; form-action 'self'`;
}
const DEMO_PAGE_PATH = '/wiki/spaces/DEMO/pages/1001';

export class PortInUseError extends Error {}

export interface LocalServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startLocalServer(deps: LocalServerDeps, port: number): Promise<LocalServer> {
  let boundPort = port;
  const server = createServer((request, response) => {
    route(request, response, deps, boundPort).catch((error: unknown) => {
      if (error instanceof HttpError) {
        if (!response.headersSent) sendError(response, error.status, error.message);
        return;
      }
      deps.logger.error('http.unhandled', { method: request.method, path: request.url?.split('?')[0], errorName: error instanceof Error ? error.name : typeof error });
      console.error(error);
      if (!response.headersSent) sendError(response, 500, 'The local host failed on this request; see its log.');
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') {
        reject(new PortInUseError(`Port ${port} on 127.0.0.1 is already in use. Stop the other process, or pass --port N (0 picks a free port).`));
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;

  return {
    server,
    port: boundPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(request: IncomingMessage, response: ServerResponse, deps: LocalServerDeps, port: number): Promise<void> {
  checkHost(request, port);
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
  const path = url.pathname;

  if (method !== 'GET' && method !== 'HEAD') checkOrigin(request, port);

  if (path === '/' && method === 'GET') {
    response.writeHead(302, { location: DEMO_PAGE_PATH });
    response.end();
    return;
  }

  if (path === '/favicon.ico') {
    response.writeHead(204);
    response.end();
    return;
  }

  if (path.startsWith('/__local/') && method === 'GET') return serveAsset(response, path.slice('/__local/'.length), deps.assets);

  const app = /^\/apps\/([a-z]+)\/(.*)$/.exec(path);
  if (app && method === 'GET') {
    const [, resource = '', file = ''] = app;
    if (!isAppResource(resource)) throw new HttpError(404, `No app resource "${resource}".`);
    serveAppFile(response, deps.staticDir, resource, decodeURIComponent(file), port);
    return;
  }

  const pageMatch = /^\/wiki\/spaces\/([^/]+)\/pages\/(\d+)(?:\/[^/]*)?$/.exec(path);
  if (pageMatch && method === 'GET') {
    const page = deps.pages.get(pageMatch[2] as string);
    // Like Confluence, a restricted page looks the same as a missing one.
    if (!page || !canView(page, pageUser(request).accountId)) {
      sendText(response, 404, renderMessagePage('Page not found', `There is no page ${pageMatch[2]}. Start again from the demo page at ${DEMO_PAGE_PATH}.`), 'text/html; charset=utf-8');
      return;
    }
    sendHtml(response, renderPageView(page, renderContext(request, url, deps, port)), port);
    return;
  }

  if (path === '/wiki/admin/rest-data' && method === 'GET') {
    sendHtml(response, renderAdminView(renderContext(request, url, deps, port)), port);
    return;
  }

  if (path.startsWith('/api/')) return routeApi(request, response, deps, method, url);

  throw new HttpError(404, `Nothing at ${method} ${path}.`);
}

async function routeApi(request: IncomingMessage, response: ServerResponse, deps: LocalServerDeps, method: string, url: URL): Promise<void> {
  const path = url.pathname;

  if (path === '/api/users' && method === 'GET') {
    sendJson(response, 200, { users: LOCAL_USERS.map(({ accountId, displayName, isAdmin }) => ({ accountId, displayName, isAdmin })) });
    return;
  }

  const user = requireApiUser(request);

  if (path === '/api/invoke' && method === 'POST') return handleInvoke(request, response, user, deps.invoke, deps.logger);

  const product = /^\/api\/product\/([a-z]+)(\/.*)$/.exec(path);
  if (product) {
    if (product[1] !== 'confluence') throw new HttpError(404, `The local host emulates Confluence only, not ${product[1]}.`);
    const answer = answerConfluenceRequest(method, `${product[2]}${url.search}`, user, deps.pages);
    sendJson(response, answer.status, answer.body);
    return;
  }

  if (path === '/api/demo/reset' && method === 'POST') {
    if (!user.isAdmin) throw new HttpError(403, 'Only an administrator can reset the demo.');
    await deps.resetDemo();
    sendJson(response, 200, { reset: true });
    return;
  }

  if (path === '/api/demo/requests' && method === 'GET') {
    sendJson(response, 200, deps.demoApi.requestCounts());
    return;
  }
  if (path === '/api/demo/requests' && method === 'DELETE') {
    deps.demoApi.resetRequestCounts();
    sendJson(response, 200, deps.demoApi.requestCounts());
    return;
  }

  const pageApi = /^\/api\/pages\/(\d+)(?:\/macros(?:\/([^/]+))?)?$/.exec(path);
  if (pageApi) {
    const [, pageId = '', localId] = pageApi;
    try {
      await routePageApi(request, response, deps, user, method, pageId, path.includes('/macros'), localId);
    } catch (error) {
      if (error instanceof PageNotFoundError) throw new HttpError(404, error.message);
      throw error;
    }
    return;
  }

  throw new HttpError(404, `Nothing at ${method} ${path}.`);
}

async function routePageApi(
  request: IncomingMessage,
  response: ServerResponse,
  deps: LocalServerDeps,
  user: LocalUser,
  method: string,
  pageId: string,
  isMacroPath: boolean,
  localId: string | undefined,
): Promise<void> {
  const page = deps.pages.get(pageId);
  if (!page || !canView(page, user.accountId)) throw new HttpError(404, `Page ${pageId} does not exist.`);

  if (!isMacroPath && method === 'GET') {
    sendJson(response, 200, page);
    return;
  }

  // Anyone who may view a page may change its macros: the local site has no edit restrictions.
  if (isMacroPath && localId === undefined && method === 'POST') {
    const config = await readMacroConfig(request);
    sendJson(response, 201, { localId: deps.pages.insertMacro(pageId, config) });
    return;
  }
  if (isMacroPath && localId !== undefined && method === 'PUT') {
    const config = await readMacroConfig(request);
    const page = deps.pages.setMacroConfig(pageId, decodeURIComponent(localId), config);
    sendJson(response, 200, { version: page.version });
    return;
  }
  if (isMacroPath && localId !== undefined && method === 'DELETE') {
    deps.pages.removeMacro(pageId, decodeURIComponent(localId));
    sendJson(response, 200, { removed: true });
    return;
  }
  throw new HttpError(405, `${method} is not supported on this page resource.`);
}

/** Reads `{ "config": { ... } }`, the shape view.submit() takes. */
async function readMacroConfig(request: IncomingMessage): Promise<Record<string, never>> {
  const body = (await readJson(request)) as { config?: unknown } | undefined;
  const config = body?.config;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new HttpError(400, 'invalid "config", expected object: send { "config": { "queryId": "...", "parameters": { } } }.');
  }
  if (Buffer.byteLength(JSON.stringify(config)) > 64 * 1024) throw new HttpError(413, 'The macro config is larger than 64 KB.');
  return config as Record<string, never>;
}

// The shell and the apps use the two loopback names, so the apps run on
// another origin than the shell, as Forge's iframes do.
function renderContext(request: IncomingMessage, url: URL, deps: LocalServerDeps, port: number): RenderContext {
  const onLocalhost = (request.headers.host ?? '').toLowerCase().startsWith('localhost:');
  return {
    origin: onLocalhost ? `http://localhost:${port}` : `http://127.0.0.1:${port}`,
    appOrigin: onLocalhost ? `http://127.0.0.1:${port}` : `http://localhost:${port}`,
    user: pageUser(request),
    colorMode: readCookie(request, 'pq_local_theme') === 'dark' ? 'dark' : 'light',
    locale: pickLocale(url.searchParams.get('locale')),
    timeZone: pickTimeZone(url.searchParams.get('tz')),
    pages: deps.pages.list(),
  };
}

function pickLocale(requested: string | null): string {
  if (requested) {
    try {
      const [canonical] = Intl.getCanonicalLocales(requested);
      if (canonical) return canonical;
    } catch {
      // An invalid tag falls back to the default below.
    }
  }
  return 'en-US';
}

function pickTimeZone(requested: string | null): string {
  if (requested) {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: requested }).resolvedOptions().timeZone;
    } catch {
      // An unknown zone falls back to the host's.
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function sendHtml(response: ServerResponse, html: string, port: number): void {
  sendText(response, 200, html, 'text/html; charset=utf-8', { 'content-security-policy': shellCsp(port), 'cache-control': 'no-store' });
}

function serveAsset(response: ServerResponse, name: string, assets: ShellAssets): void {
  const files: Record<string, [string, string]> = {
    'bridge.js': [assets.bridgeJs, 'text/javascript; charset=utf-8'],
    'shell.js': [assets.shellJs, 'text/javascript; charset=utf-8'],
    'shell.css': [assets.shellCss, 'text/css; charset=utf-8'],
    'tokens.css': [assets.tokensCss, 'text/css; charset=utf-8'],
  };
  const file = files[name];
  if (!file) throw new HttpError(404, `No shell asset ${name}.`);
  sendText(response, 200, file[0], file[1], { 'cache-control': 'no-cache' });
}
