// Serves the built macro view and configuration dialog on 127.0.0.1 for the
// browser tests that run before the local host exists, plus the design-token
// stylesheet that Forge loads after `view.theme.enable()`.

import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../../..');
const MOUNTS: Record<string, string> = {
  '/macro/': join(ROOT, 'static/macro/build'),
  '/config/': join(ROOT, 'static/config/build'),
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The Atlassian themes (light, dark, spacing, typography, shape) as one stylesheet. */
async function tokensCss(): Promise<string> {
  const themes = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];
  const parts = await Promise.all(
    themes.map(async (theme) => {
      const module = (await import(`@atlaskit/tokens/dist/esm/artifacts/themes/${theme}.js`)) as { default: string };
      return module.default;
    }),
  );
  return parts.join('\n');
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A policy as strict as Forge's default for Custom UI resources: scripts only
 * from the app's own origin, no eval, no frames or plugins. Inline styles are
 * allowed because the app's manifest declares them.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'none'";

export async function startStaticServer(options: { csp: boolean } = { csp: true }): Promise<StaticServer> {
  const tokens = await tokensCss();

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (path === '/tokens.css') {
      response.writeHead(200, { 'content-type': TYPES['.css']! }).end(tokens);
      return;
    }

    const mount = Object.keys(MOUNTS).find((prefix) => path.startsWith(prefix));
    if (mount === undefined) {
      response.writeHead(404).end('not found');
      return;
    }

    const base = MOUNTS[mount]!;
    const file = normalize(join(base, path.slice(mount.length) || 'index.html'));
    if (!file.startsWith(base)) {
      response.writeHead(403).end('outside the build directory');
      return;
    }

    readFile(file).then(
      (body) => {
        const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
        if (options.csp && extname(file) === '.html') headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
        response.writeHead(200, headers).end(body);
      },
      () => response.writeHead(404).end('not found'),
    );
  });

  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}
