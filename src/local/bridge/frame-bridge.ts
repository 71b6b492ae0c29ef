// The global bridge installed in every app iframe before the app's bundle runs,
// as Forge prepends its own bridge script. @forge/bridge reads
// `globalThis.__bridge.callBridge` when its modules load and sends every call
// through it: `callBridge(type, payload)` returns a promise.
//
// This script runs in the browser as a classic script (the host transpiles it
// with TypeScript and serves it at /__local/bridge.js), so it has no imports.
// Calls that need the page (context, invoke as the current user, submit,
// navigation, product REST calls) go to the shell in the parent window by
// postMessage. Theming and resizing happen here.

interface BridgeReply {
  source: 'pq-local-shell';
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

interface ThemeMessage {
  source: 'pq-local-shell';
  type: 'theme';
  colorMode: 'light' | 'dark';
}

(() => {
  // The shell runs on another origin than the app, as Confluence and Forge's
  // iframe CDN do; both ids come in the iframe's URL.
  const query = new URLSearchParams(window.location.search);
  const frameId = query.get('localFrame') ?? '';
  const shellOrigin = query.get('localShell') ?? window.location.origin;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let themingEnabled = false;

  // Calls that change nothing are sent again while unanswered, so one lost
  // message cannot leave the app waiting forever. The shell replies to each
  // copy, and the first reply wins. Other calls (invoke, submit) are sent once.
  const IDEMPOTENT = new Set(['getContext', 'getColorMode', 'getUrl']);
  const RESEND_AFTER_MS = 3000;

  function askShell(type: string, payload: unknown): Promise<unknown> {
    const id = nextId++;
    const message = { source: 'pq-local-bridge', frameId, id, type, payload };
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setInterval> | undefined;
      const settle = (): void => {
        if (timer !== undefined) clearInterval(timer);
        pending.delete(id);
      };
      pending.set(id, {
        resolve: (value) => {
          settle();
          resolve(value);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      window.parent.postMessage(message, shellOrigin);
      if (IDEMPOTENT.has(type)) {
        timer = setInterval(() => {
          console.warn(`No reply from the local host to the bridge call "${type}" within ${RESEND_AFTER_MS} ms; sending it again.`);
          window.parent.postMessage(message, shellOrigin);
        }, RESEND_AFTER_MS);
      }
    });
  }

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window.parent || event.origin !== shellOrigin) return;
    const data = event.data as Partial<BridgeReply & ThemeMessage> | null;
    if (!data || data.source !== 'pq-local-shell') return;

    if (data.type === 'theme' && data.colorMode) {
      if (themingEnabled) applyTheme(data.colorMode);
      return;
    }

    const waiting = typeof data.id === 'number' ? pending.get(data.id) : undefined;
    if (!waiting) return;
    if (data.ok) waiting.resolve(data.result);
    else waiting.reject(new Error(data.error ?? 'The local host rejected the bridge call.'));
  });

  // Design tokens as Forge loads them after view.theme.enable(): one stylesheet
  // with every theme, switched by attributes on <html>.
  function applyTheme(colorMode: 'light' | 'dark'): void {
    const root = document.documentElement;
    root.setAttribute('data-color-mode', colorMode);
    root.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography shape:shape');
    if (!document.getElementById('pq-local-tokens')) {
      const link = document.createElement('link');
      link.id = 'pq-local-tokens';
      link.rel = 'stylesheet';
      link.href = '/__local/tokens.css';
      document.head.appendChild(link);
    }
  }

  async function enableTheming(): Promise<void> {
    themingEnabled = true;
    const colorMode = (await askShell('getColorMode', undefined)) as 'light' | 'dark';
    applyTheme(colorMode);
  }

  // A minimal history for view.createHistory(): apps that route inside the
  // iframe get push/replace/listen on the iframe's own session history.
  function createHistory(): unknown {
    const listeners = new Set<(location: unknown) => void>();
    const current = (): { pathname: string; search: string; hash: string; state: unknown } => ({
      pathname: window.location.hash.slice(1) || '/',
      search: '',
      hash: '',
      state: window.history.state,
    });
    const notify = (): void => listeners.forEach((listener) => listener(current()));
    window.addEventListener('hashchange', notify);
    return {
      get location() {
        return current();
      },
      set location(_value: unknown) {
        // @forge/bridge assigns the location it was given, but ours is always live.
      },
      push(path: string) {
        window.location.hash = path;
      },
      replace(path: string) {
        window.location.replace(`#${path}`);
      },
      go: (delta: number) => window.history.go(delta),
      back: () => window.history.back(),
      forward: () => window.history.forward(),
      listen(listener: (location: unknown) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  }

  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();

  async function callBridge(type: string, payload?: unknown): Promise<unknown> {
    switch (type) {
      case 'enableTheming':
        return enableTheming();
      case 'createHistory':
        return createHistory();
      case 'getFrameId':
        return frameId;
      case 'emitReadyEvent':
      case 'emitFrontendCustomMetric':
        return undefined;
      case 'changeWindowTitle':
        document.title = String(payload);
        return undefined;
      case 'on':
      case 'onPublic': {
        const { event, callback } = payload as { event: string; callback: (value: unknown) => void };
        const set = eventListeners.get(event) ?? new Set();
        set.add(callback);
        eventListeners.set(event, set);
        return { unsubscribe: () => set.delete(callback) };
      }
      case 'emit':
      case 'emitPublic': {
        const { event, payload: value } = payload as { event: string; payload: unknown };
        eventListeners.get(event)?.forEach((listener) => listener(value));
        return undefined;
      }
      case 'showFlag': {
        const result = await askShell('showFlag', payload);
        return { close: () => askShell('closeFlag', result) };
      }
      default:
        return askShell(type, payload);
    }
  }

  (globalThis as unknown as { __bridge: { callBridge: typeof callBridge } }).__bridge = { callBridge };

  // Auto-resize, as Forge does for modules without a fixed viewport size: the
  // shell sets the iframe's height to the content's height.
  let lastHeight = -1;
  function reportHeight(): void {
    const body = document.body;
    if (!body) return;
    const style = window.getComputedStyle(body);
    const margins = parseFloat(style.marginTop) + parseFloat(style.marginBottom);
    const height = Math.ceil(Math.max(body.scrollHeight, body.getBoundingClientRect().height) + margins);
    if (height === lastHeight) return;
    lastHeight = height;
    window.parent.postMessage({ source: 'pq-local-bridge', frameId, id: 0, type: 'resize', payload: { height } }, shellOrigin);
  }

  // Chromium skips rendering steps (and so ResizeObserver callbacks) in
  // cross-origin iframes outside the viewport. DOM mutations, load events and a
  // slow poll therefore trigger a measurement too, which forces layout and works there.
  let scheduled = false;
  function scheduleReport(): void {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      reportHeight();
    }, 16);
  }

  function watchSize(): void {
    const observer = new ResizeObserver(() => reportHeight());
    observer.observe(document.body);
    observer.observe(document.documentElement);
    new MutationObserver(scheduleReport).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    window.addEventListener('load', scheduleReport);
    window.addEventListener('resize', scheduleReport);
    setInterval(reportHeight, 1000);
    reportHeight();
  }
  if (document.body) watchSize();
  else document.addEventListener('DOMContentLoaded', watchSize);
})();
