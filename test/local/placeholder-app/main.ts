// A tiny Custom UI app that exercises the real @forge/bridge against the local
// host's global bridge and prints what it gets, for test/local/bridge.test.ts.

import { invoke, requestConfluence, router, view } from '@forge/bridge';

const out = document.getElementById('out') as HTMLElement;

function show(id: string, value: unknown): void {
  const element = document.createElement('pre');
  element.id = id;
  element.textContent = JSON.stringify(value);
  out.appendChild(element);
}

function button(id: string, label: string, onClick: () => Promise<unknown>): void {
  const element = document.createElement('button');
  element.id = id;
  element.textContent = label;
  element.addEventListener('click', () => {
    onClick().then(
      (result) => show(`${id}-result`, { ok: true, result: result ?? null }),
      (error: unknown) => show(`${id}-result`, { ok: false, error: String(error) }),
    );
  });
  out.appendChild(element);
}

async function main(): Promise<void> {
  await view.theme.enable();
  const context = await view.getContext();
  show('context', context);

  show('whoami', await invoke('session/whoami', {}).catch((error: unknown) => ({ thrown: String(error) })));

  const me = await requestConfluence('/wiki/rest/api/user/current?expand=operations');
  show('me', { status: me.status, body: await me.json() });

  const page = await requestConfluence(`/wiki/api/v2/pages/${(context.extension as { content?: { id?: string } }).content?.id ?? '0'}`);
  show('page', { status: page.status, body: await page.json() });

  button('submit', 'Submit config', () => view.submit({ config: { queryId: 'probe-query', parameters: { project: 'SLING' } } }));
  button('submit-flat', 'Submit flat', () => view.submit({ queryId: 'flat' }));
  button('close', 'Close', () => view.close());
  button('navigate', 'Navigate', () => router.navigate('/wiki/spaces/DEMO/pages/1002'));
  button('navigate-script', 'Navigate to script', () => router.navigate('javascript:parent.document.title="escaped"'));
  button('product-escape', 'Escape product path', async () => {
    const response = await requestConfluence('/../../demo/requests');
    return response.status;
  });
  button('grow', 'Grow', async () => {
    const filler = document.createElement('div');
    filler.id = 'filler';
    filler.style.height = '900px';
    out.appendChild(filler);
  });

  document.body.dataset.ready = 'true';
}

main().catch((error: unknown) => show('fatal', String(error)));
