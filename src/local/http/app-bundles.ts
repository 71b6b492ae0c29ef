// Serves the built Custom UI bundles (static/<resource>/build) unchanged, except
// that index.html gets the bridge script prepended, as Forge does with its own
// bridge. Responses carry a Content-Security-Policy like Forge's: scripts only
// from the app's own origin, no eval, inline styles allowed because the
// manifest declares `permissions.content.styles: unsafe-inline`.

import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { escapeHtml } from '../shell/escape';
import { sendText } from './respond';

export const APP_RESOURCES = ['macro', 'config', 'admin'] as const;
export type AppResource = (typeof APP_RESOURCES)[number];

/** Builds the CSP of app resources, which lets the shell on either loopback name frame them. */
export function appCsp(port: number): string {
  return [...APP_CSP_DIRECTIVES, `frame-ancestors http://127.0.0.1:${port} http://localhost:${port}`].join('; ');
}

const APP_CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const BRIDGE_TAG = '<script src="/__local/bridge.js"></script>';

export function isAppResource(name: string): name is AppResource {
  return (APP_RESOURCES as readonly string[]).includes(name);
}

/** Serves `/apps/<resource>/<file>` from `<staticDir>/<resource>/build`. */
export function serveAppFile(response: ServerResponse, staticDir: string, resource: AppResource, file: string, port: number): void {
  const root = resolve(staticDir, resource, 'build');
  const headers = { 'content-security-policy': appCsp(port), 'cache-control': 'no-cache' };

  if (!existsSync(join(root, 'index.html'))) {
    sendText(response, 503, notBuiltPage(resource, root), 'text/html; charset=utf-8', headers);
    return;
  }

  const relative = file === '' ? 'index.html' : file;
  const target = resolve(root, relative);
  // Reject anything that resolves outside the bundle, e.g. `..%2F..%2Fsecret.key`.
  if (target !== root && !target.startsWith(root + sep)) {
    sendText(response, 404, 'Not found');
    return;
  }
  if (!existsSync(target) || !statSync(target).isFile()) {
    sendText(response, 404, `No file ${relative} in the ${resource} bundle.`);
    return;
  }

  const type = CONTENT_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream';
  if (relative === 'index.html') {
    sendText(response, 200, injectBridge(readFileSync(target, 'utf8')), type, headers);
    return;
  }

  const body = readFileSync(target);
  response.writeHead(200, { 'content-type': type, 'content-length': body.length, 'x-content-type-options': 'nosniff', ...headers });
  response.end(body);
}

/** Puts the bridge script first in <head>, so it runs before any script of the bundle. */
export function injectBridge(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + BRIDGE_TAG + html.slice(head.index + head[0].length);
  return BRIDGE_TAG + html;
}

function notBuiltPage(resource: AppResource, root: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bundle not built</title></head><body style="font-family:sans-serif">
<p><strong>The ${escapeHtml(resource)} bundle is not built.</strong> Run <code>npm run build:ui</code> (or <code>npm start</code>, which builds first); the host looks for ${escapeHtml(root)}/index.html.</p></body></html>`;
}
