// Server-rendered HTML of the shell: the Confluence-like frame (top bar, user
// switcher, theme switch), the demo page with its macros, and the admin page.
// App content only ever appears inside the iframes.

import type { LocalPage } from '../confluence/page-store';
import { canView } from '../confluence/page-store';
import { DEMO_SPACE, LOCAL_CLOUD_ID, spaceByKey } from '../confluence/site';
import { LOCAL_USERS, type LocalUser } from '../confluence/users';
import { escapeHtml, jsonForScript } from './escape';
import type { ShellData, ShellFrame } from './shell-data';

/** Module keys from manifest.yml. */
export const MACRO_MODULE_KEY = 'rest-data';
export const ADMIN_MODULE_KEY = 'admin';

export interface RenderContext {
  origin: string;
  /** Origin of the app iframes, see ShellData.appOrigin. */
  appOrigin: string;
  user: LocalUser;
  colorMode: 'light' | 'dark';
  locale: string;
  timeZone: string;
  pages: LocalPage[];
}

function baseContext(render: RenderContext, moduleKey: string): Record<string, unknown> {
  return {
    cloudId: LOCAL_CLOUD_ID,
    siteUrl: render.origin,
    moduleKey,
    locale: render.locale,
    timezone: render.timeZone,
    environmentId: 'local',
    environmentType: 'DEVELOPMENT',
  };
}

function macroExtension(page: LocalPage, config: unknown, render: RenderContext): Record<string, unknown> {
  return {
    type: 'macro',
    content: { id: page.id, type: 'page' },
    space: { id: (spaceByKey(page.spaceKey) ?? DEMO_SPACE).id, key: page.spaceKey },
    config,
    isEditing: false,
    location: `${render.origin}/wiki/spaces/${page.spaceKey}/pages/${page.id}`,
    macro: { isConfiguring: false, isInserting: false },
  };
}

export function renderPageView(page: LocalPage, render: RenderContext): string {
  const frames: ShellFrame[] = page.document.macros.map((macro, index) => ({
    frameId: `macro-${index + 1}`,
    resource: 'macro',
    macroLocalId: macro.localId,
    context: { ...baseContext(render, MACRO_MODULE_KEY), localId: macro.localId, extension: macroExtension(page, macro.config, render) },
  }));

  const sections = page.document.macros
    .map((macro, index) => {
      const frame = frames[index] as ShellFrame;
      const heading = macro.heading ? `<h2>${escapeHtml(macro.heading)}</h2>` : '';
      const intro = macro.intro ? `<p>${escapeHtml(macro.intro)}</p>` : '';
      return `<section class="pq-macro" data-local-id="${escapeHtml(macro.localId)}">
  ${heading}${intro}
  <div class="pq-macro-toolbar">
    <button type="button" class="pq-button" data-edit-macro="${frame.frameId}">Edit macro</button>
    <button type="button" class="pq-button pq-button-subtle" data-remove-macro="${frame.frameId}">Remove</button>
  </div>
  ${iframeTag(frame, render)}
</section>`;
    })
    .join('\n');

  const data: ShellData = {
    view: 'page',
    appOrigin: render.appOrigin,
    users: LOCAL_USERS.map(({ accountId, displayName, isAdmin }) => ({ accountId, displayName, isAdmin })),
    currentAccountId: render.user.accountId,
    pageId: page.id,
    frames,
    configTemplate: { ...baseContext(render, MACRO_MODULE_KEY), extension: macroExtension(page, {}, render) },
  };

  const main = `<article class="pq-page">
  <nav class="pq-breadcrumbs">${escapeHtml((spaceByKey(page.spaceKey) ?? DEMO_SPACE).name)} / Pages${page.document.restrictedTo ? ' / <span class="pq-restricted">Restricted</span>' : ''}</nav>
  <header class="pq-page-header">
    <h1>${escapeHtml(page.title)}</h1>
    <button type="button" class="pq-button" id="pq-edit-toggle">Edit</button>
  </header>
  <p class="pq-page-intro">${escapeHtml(page.document.intro)}</p>
  ${sections}
  <div class="pq-insert"><button type="button" class="pq-button pq-button-primary" id="pq-insert-macro">Insert REST data macro</button></div>
</article>
<dialog id="pq-config-dialog" class="pq-dialog" aria-label="Macro configuration">
  <div class="pq-dialog-header"><strong>Choose a query</strong><button type="button" class="pq-button pq-button-subtle pq-dialog-close">Close</button></div>
  <div class="pq-dialog-body"></div>
</dialog>`;

  return layout(page.title, main, data, render, page.id);
}

export function renderAdminView(render: RenderContext): string {
  const frame: ShellFrame = {
    frameId: 'admin-1',
    resource: 'admin',
    context: {
      ...baseContext(render, ADMIN_MODULE_KEY),
      localId: 'admin',
      extension: { type: 'confluence:globalSettings', location: `${render.origin}/wiki/admin/rest-data` },
    },
  };
  const data: ShellData = {
    view: 'admin',
    appOrigin: render.appOrigin,
    users: LOCAL_USERS.map(({ accountId, displayName, isAdmin }) => ({ accountId, displayName, isAdmin })),
    currentAccountId: render.user.accountId,
    frames: [frame],
  };

  const main = `<article class="pq-admin">
  <nav class="pq-breadcrumbs">Confluence administration / Apps</nav>
  <header class="pq-page-header"><h1>REST Data</h1>
    ${render.user.isAdmin ? '<button type="button" class="pq-button pq-button-subtle" id="pq-reset-demo">Reset demo</button>' : ''}
  </header>
  ${iframeTag(frame, render)}
</article>`;
  return layout('REST Data administration', main, data, render, 'admin');
}

function iframeTag(frame: ShellFrame, render: RenderContext): string {
  const title = frame.resource === 'admin' ? 'REST Data administration' : 'REST data macro';
  const query = new URLSearchParams({ localFrame: frame.frameId, localShell: render.origin });
  return `<iframe class="pq-app-frame pq-app-${frame.resource}" data-frame-id="${frame.frameId}" title="${title}"
    sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-downloads"
    src="${escapeHtml(`${render.appOrigin}/apps/${frame.resource}/index.html?${query.toString()}`)}"></iframe>`;
}

/** `active` is the id of the page shown, or `admin` for the settings page. */
function layout(title: string, main: string, data: ShellData, render: RenderContext, active: string): string {
  const pageLinks = render.pages
    .filter((page) => canView(page, render.user.accountId))
    .map((page) => `<a href="/wiki/spaces/${escapeHtml(page.spaceKey)}/pages/${escapeHtml(page.id)}"${active === page.id ? ' aria-current="page"' : ''}>${escapeHtml(page.title)}</a>`)
    .join('');
  const userOptions = LOCAL_USERS.map(
    (user) =>
      `<option value="${escapeHtml(user.accountId)}"${user.accountId === render.user.accountId ? ' selected' : ''}>${escapeHtml(user.displayName)} (${user.isAdmin ? 'admin' : 'viewer'})</option>`,
  ).join('');

  return `<!doctype html>
<html lang="en" data-color-mode="${render.colorMode}" data-theme="dark:dark light:light spacing:spacing typography:typography shape:shape">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - Confluence (local)</title>
<link rel="stylesheet" href="/__local/tokens.css">
<link rel="stylesheet" href="/__local/shell.css">
<script src="/__local/shell.js"></script>
</head>
<body>
<header class="pq-topbar">
  <span class="pq-logo">Confluence <small>local</small></span>
  <nav class="pq-nav">${pageLinks}<a href="/wiki/admin/rest-data"${active === 'admin' ? ' aria-current="page"' : ''}>Settings: REST Data</a></nav>
  <label class="pq-user">Signed in as <select id="pq-user">${userOptions}</select></label>
  <button type="button" class="pq-button pq-button-subtle" id="pq-theme-toggle" aria-label="Switch light or dark theme">${render.colorMode === 'dark' ? 'Light' : 'Dark'} theme</button>
</header>
<main>
${main}
</main>
<div id="pq-flags" aria-live="polite"></div>
<script type="application/json" id="pq-shell-data">${jsonForScript(data)}</script>
</body>
</html>`;
}

export function renderMessagePage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/__local/shell.css"></head>
<body><main><article class="pq-page"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></article></main></body></html>`;
}
