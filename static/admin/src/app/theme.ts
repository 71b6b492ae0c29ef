// Light and dark mode. `view.theme.enable()` lets the host (Confluence, or the
// local host's bridge) set `data-color-mode` on <html> and keep it in sync
// with the user's theme. The token stylesheets are loaded here with
// setGlobalTheme for whichever mode the host sets, so the page looks native
// whether or not the host injects them itself.

import { view } from '@forge/bridge';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';

type ColorMode = 'light' | 'dark';

function hostColorMode(): ColorMode | undefined {
  const mode = document.documentElement.getAttribute('data-color-mode');
  return mode === 'light' || mode === 'dark' ? mode : undefined;
}

function systemColorMode(): ColorMode {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export async function enableTheme(): Promise<void> {
  try {
    await view.theme.enable();
  } catch {
    // A host without theming support still gets the system colour mode below.
  }

  let applied: ColorMode | undefined;
  const apply = async (): Promise<void> => {
    const mode = hostColorMode() ?? systemColorMode();
    if (mode === applied) return;
    applied = mode;
    await setGlobalTheme({ colorMode: mode, light: 'light', dark: 'dark', spacing: 'spacing', typography: 'typography' });
  };

  await apply();
  // The host flips the attribute when the user switches theme in Confluence.
  new MutationObserver(() => void apply()).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-color-mode'],
  });
}
