// The Confluence-like shell around the app iframes. It handles the calls the
// frame bridge (frame-bridge.ts) forwards: context, invoke as the selected user,
// submit from the config dialog, navigation, product REST calls, resizing and
// theme. Runs in the browser as a classic script served at /__local/shell.js.

import type { ShellData, ShellFrame } from './shell-data';

interface BridgeMessage {
  source: 'pq-local-bridge';
  frameId: string;
  id: number;
  type: string;
  payload: unknown;
}

(() => {
  // The script loads in <head>, before any iframe exists, so its message listener
  // is in place before an app can post its first call. Messages that arrive
  // before the page is parsed wait in a queue.
  const earlyMessages: MessageEvent[] = [];
  let handleMessage: ((event: MessageEvent) => void) | undefined;
  window.addEventListener('message', (event: MessageEvent) => {
    if (handleMessage) handleMessage(event);
    else earlyMessages.push(event);
  });

  document.addEventListener('DOMContentLoaded', () => {
    const dataElement = document.getElementById('pq-shell-data');
    if (!dataElement?.textContent) return;
    const data = JSON.parse(dataElement.textContent) as ShellData;
    const frames = new Map<string, ShellFrame>(data.frames.map((frame) => [frame.frameId, frame]));

    // ----- theme -----
    function colorMode(): 'light' | 'dark' {
      return document.documentElement.getAttribute('data-color-mode') === 'dark' ? 'dark' : 'light';
    }

    function setColorMode(mode: 'light' | 'dark'): void {
      document.documentElement.setAttribute('data-color-mode', mode);
      const toggle = document.getElementById('pq-theme-toggle');
      if (toggle) toggle.textContent = mode === 'dark' ? 'Light theme' : 'Dark theme';
      document.cookie = `pq_local_theme=${mode}; path=/; SameSite=Strict`;
      for (const iframe of Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe[data-frame-id]'))) {
        iframe.contentWindow?.postMessage({ source: 'pq-local-shell', type: 'theme', colorMode: mode }, data.appOrigin);
      }
    }

    document.getElementById('pq-theme-toggle')?.addEventListener('click', () => {
      setColorMode(colorMode() === 'dark' ? 'light' : 'dark');
    });

    // ----- user switcher -----
    const userSelect = document.getElementById('pq-user') as HTMLSelectElement | null;
    userSelect?.addEventListener('change', () => {
      document.cookie = `pq_local_user=${encodeURIComponent(userSelect.value)}; path=/; SameSite=Strict`;
      window.location.reload();
    });

    // ----- requests to the host -----
    async function postJson(path: string, body: unknown, method = 'POST'): Promise<unknown> {
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-local-account-id': data.currentAccountId },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      const parsed = text ? (JSON.parse(text) as unknown) : undefined;
      if (!response.ok) {
        const message = (parsed as { message?: string } | undefined)?.message ?? `${response.status} ${response.statusText}`;
        throw new Error(message);
      }
      return parsed;
    }

    function contextOf(frame: ShellFrame): Record<string, unknown> {
      const mode = colorMode();
      return {
        ...frame.context,
        accountId: data.currentAccountId,
        theme: { colorMode: mode, dark: 'dark', light: 'light', spacing: 'spacing', typography: 'typography' },
      };
    }

    // ----- config dialog -----
    const dialog = document.getElementById('pq-config-dialog') as HTMLDialogElement | null;
    let dialogFrame: ShellFrame | undefined;
    let dialogOnSubmit: ((config: unknown) => Promise<void>) | undefined;

    function openConfigDialog(config: unknown, localId: string, isInserting: boolean, onSubmit: (config: unknown) => Promise<void>): void {
      if (!dialog || !data.configTemplate) return;
      const frameId = `config-${Date.now()}`;
      const template = data.configTemplate;
      const extension = { ...(template.extension as Record<string, unknown>), config, isEditing: true, macro: { isConfiguring: true, isInserting } };
      dialogFrame = { frameId, resource: 'config', context: { ...template, localId, extension } };
      frames.set(frameId, dialogFrame);
      dialogOnSubmit = onSubmit;

      const body = dialog.querySelector('.pq-dialog-body') as HTMLElement;
      body.textContent = '';
      body.appendChild(createAppFrame(frameId, 'config'));
      dialog.showModal();
    }

    function closeConfigDialog(): void {
      if (dialogFrame) frames.delete(dialogFrame.frameId);
      dialogFrame = undefined;
      dialogOnSubmit = undefined;
      dialog?.close();
      const body = dialog?.querySelector('.pq-dialog-body');
      if (body) body.textContent = '';
    }

    dialog?.querySelector('.pq-dialog-close')?.addEventListener('click', closeConfigDialog);

    function createAppFrame(frameId: string, resource: string): HTMLIFrameElement {
      const iframe = document.createElement('iframe');
      iframe.dataset.frameId = frameId;
      iframe.className = `pq-app-frame pq-app-${resource}`;
      iframe.title = resource === 'config' ? 'Macro configuration' : 'App';
      iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-downloads');
      iframe.src = appFrameUrl(resource, frameId);
      return iframe;
    }

    function appFrameUrl(resource: string, frameId: string): string {
      const query = new URLSearchParams({ localFrame: frameId, localShell: window.location.origin });
      return `${data.appOrigin}/apps/${resource}/index.html?${query.toString()}`;
    }

    function reloadMacroFrame(frame: ShellFrame): void {
      const iframe = document.querySelector<HTMLIFrameElement>(`iframe[data-frame-id="${CSS.escape(frame.frameId)}"]`);
      if (iframe) iframe.src = iframe.src;
    }

    // ----- page editing -----
    document.getElementById('pq-edit-toggle')?.addEventListener('click', () => {
      document.body.classList.toggle('pq-editing');
    });

    for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-edit-macro]'))) {
      button.addEventListener('click', () => {
        const frame = frames.get(button.dataset.editMacro ?? '');
        if (!frame?.macroLocalId) return;
        const extension = frame.context.extension as { config?: unknown };
        openConfigDialog(extension.config ?? {}, frame.macroLocalId, false, async (config) => {
          await postJson(`/api/pages/${data.pageId}/macros/${frame.macroLocalId}`, { config }, 'PUT');
          frame.context = { ...frame.context, extension: { ...(frame.context.extension as object), config } };
          reloadMacroFrame(frame);
        });
      });
    }

    for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-remove-macro]'))) {
      button.addEventListener('click', async () => {
        const frame = frames.get(button.dataset.removeMacro ?? '');
        if (!frame?.macroLocalId) return;
        await postJson(`/api/pages/${data.pageId}/macros/${frame.macroLocalId}`, undefined, 'DELETE');
        window.location.reload();
      });
    }

    document.getElementById('pq-insert-macro')?.addEventListener('click', () => {
      openConfigDialog({}, `new-${Date.now()}`, true, async (config) => {
        await postJson(`/api/pages/${data.pageId}/macros`, { config });
        window.location.reload();
      });
    });

    document.getElementById('pq-reset-demo')?.addEventListener('click', async () => {
      if (!window.confirm('Delete all datasources, queries, converters, templates and page edits, and restore the demo?')) return;
      await postJson('/api/demo/reset', {});
      window.location.reload();
    });

    // ----- flags (toasts) -----
    function showFlag(payload: { title?: string; description?: string; type?: string }): string {
      const container = document.getElementById('pq-flags');
      const id = `flag-${Date.now()}`;
      if (!container) return id;
      const flag = document.createElement('div');
      flag.className = `pq-flag pq-flag-${payload.type ?? 'info'}`;
      flag.id = id;
      const title = document.createElement('strong');
      title.textContent = payload.title ?? '';
      const description = document.createElement('div');
      description.textContent = payload.description ?? '';
      flag.append(title, description);
      container.appendChild(flag);
      setTimeout(() => flag.remove(), 8000);
      return id;
    }

    // ----- navigation -----
    function navigate(payload: { url?: string; type?: string; target?: string; contentId?: string }): void {
      let url = payload.url;
      if (!url && (payload.target === 'contentView' || payload.target === 'contentEdit') && payload.contentId) {
        url = `/wiki/spaces/DEMO/pages/${encodeURIComponent(payload.contentId)}`;
      }
      if (!url) throw new Error(`The local host cannot navigate to target "${payload.target ?? ''}".`);

      // Only web URLs: a javascript: or data: URL would run in the shell's origin.
      const target = new URL(url, window.location.origin);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        throw new Error(`Navigation to a ${target.protocol} URL is not allowed; use an http or https URL.`);
      }
      if (payload.type === 'new-tab') window.open(target.href, '_blank', 'noopener,noreferrer');
      else window.location.assign(target.href);
    }

    // The product path must stay under /api/product/<product>/: a path with `..`
    // would otherwise reach the host's own API as the current user.
    function productUrl(product: string, restPath: string): string {
      const prefix = `/api/product/${encodeURIComponent(product)}/`;
      if (typeof restPath !== 'string' || !restPath.startsWith('/')) throw new Error(`The product path must start with "/", got "${String(restPath)}".`);
      const url = new URL(`${prefix.slice(0, -1)}${restPath}`, window.location.origin);
      if (url.origin !== window.location.origin || !url.pathname.startsWith(prefix) || /%2e|%2f|%5c/i.test(restPath)) {
        throw new Error(`The product path "${restPath}" leaves the ${product} API.`);
      }
      return url.pathname + url.search;
    }

    // ----- the bridge endpoint -----
    async function handle(frame: ShellFrame, iframe: HTMLIFrameElement, message: BridgeMessage): Promise<unknown> {
      switch (message.type) {
        case 'getContext':
          return contextOf(frame);
        case 'getColorMode':
          return colorMode();
        case 'invoke': {
          const { functionKey, payload, metadata } = message.payload as { functionKey: string; payload?: unknown; metadata?: unknown };
          const { theme: _theme, ...context } = contextOf(frame);
          const result = await postJson('/api/invoke', { functionKey, payload: payload ?? {}, context });
          // With metadata requested, Forge wraps the result; the local host has no rate-limit figures to report.
          return metadata === undefined ? result : { body: result, metadata: {} };
        }
        case 'submit': {
          if (frame !== dialogFrame || !dialogOnSubmit) return false;
          const submitted = message.payload as { config?: unknown } | undefined;
          if (!submitted || typeof submitted.config !== 'object' || submitted.config === null) {
            throw new Error('invalid "config", expected object: call view.submit({ config: {...} })');
          }
          await dialogOnSubmit(submitted.config);
          closeConfigDialog();
          return true;
        }
        case 'close':
          if (frame !== dialogFrame) return false;
          closeConfigDialog();
          return true;
        case 'onClose':
        case 'refresh':
          return true;
        case 'resize': {
          const { height } = message.payload as { height: number };
          iframe.style.height = `${Math.max(40, Math.min(height, 20000))}px`;
          return undefined;
        }
        case 'navigate':
          navigate(message.payload as { url?: string });
          return undefined;
        case 'reload':
          window.location.reload();
          return undefined;
        case 'getUrl': {
          const location = message.payload as { target?: string; contentId?: string };
          if (location.contentId) return new URL(`/wiki/spaces/DEMO/pages/${location.contentId}`, window.location.origin).href;
          return window.location.href;
        }
        case 'fetchProduct': {
          const request = message.payload as { product: string; restPath: string; fetchRequestInit: { method?: string; headers?: [string, string][]; body?: string | null } };
          const headers = new Headers(request.fetchRequestInit.headers ?? []);
          headers.set('x-local-account-id', data.currentAccountId);
          const target = productUrl(request.product, request.restPath);
          const response = await fetch(target, {
            method: request.fetchRequestInit.method ?? 'GET',
            headers,
            body: request.fetchRequestInit.body ?? undefined,
          });
          const responseHeaders: Record<string, string> = {};
          response.headers.forEach((value, key) => (responseHeaders[key] = value));
          return { body: await response.text(), headers: responseHeaders, status: response.status, statusText: response.statusText };
        }
        case 'showFlag':
          return showFlag(message.payload as { title?: string });
        case 'closeFlag':
          document.getElementById(String(message.payload))?.remove();
          return undefined;
        default:
          throw new Error(`The local host does not implement the bridge call "${message.type}".`);
      }
    }

    handleMessage = (event: MessageEvent) => {
      if (event.origin !== data.appOrigin) return;
      const message = event.data as Partial<BridgeMessage> | null;
      if (!message || message.source !== 'pq-local-bridge' || typeof message.frameId !== 'string') return;

      const frame = frames.get(message.frameId);
      const iframe = document.querySelector<HTMLIFrameElement>(`iframe[data-frame-id="${CSS.escape(message.frameId)}"]`);
      // Only the iframe registered under that id may speak for it.
      if (!frame || !iframe || event.source !== iframe.contentWindow) return;

      const reply = (body: { ok: boolean; result?: unknown; error?: string }): void => {
        if (message.id) iframe.contentWindow?.postMessage({ source: 'pq-local-shell', id: message.id, ...body }, data.appOrigin);
      };
      handle(frame, iframe, message as BridgeMessage).then(
        (result) => reply({ ok: true, result }),
        (error: unknown) => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
    };
    for (const event of earlyMessages.splice(0)) handleMessage(event);
  });
})();
