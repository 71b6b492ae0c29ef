// Platform calls other than `invoke`: context, theme, navigation and the
// configuration dialog's submit/close. Kept in one place so the components do
// not import @forge/bridge directly.

import { router, view } from '@forge/bridge';
import type { MacroConfig } from '../../../src/contract/entities';
import { parseMacroConfig } from './platform-config';

/** The part of the Forge context the macro reads. Everything here can be forged by the browser. */
export interface MacroContext {
  config: MacroConfig | undefined;
  siteUrl: string;
  localId: string;
}

export async function loadMacroContext(): Promise<MacroContext> {
  const context = await view.getContext();
  const extension = (context.extension ?? {}) as { config?: unknown };

  return {
    config: parseMacroConfig(extension.config),
    siteUrl: typeof context.siteUrl === 'string' ? context.siteUrl : '',
    localId: typeof context.localId === 'string' ? context.localId : '',
  };
}

/** Turns on Atlassian design tokens in the iframe; light and dark follow the user's Confluence theme. */
export async function enableTheme(): Promise<void> {
  try {
    await view.theme.enable();
  } catch (error) {
    // Without theming the token fallbacks (light colours) still give a readable page.
    console.warn('Theming could not be enabled', error);
  }
}

export function submitConfig(config: MacroConfig): Promise<void> {
  return view.submit({ config });
}

export function closeDialog(): Promise<void> {
  return view.close();
}

/**
 * Opens a link from rendered content. Plain anchors do not navigate inside a
 * Forge iframe, so links go through the router: pages of this Confluence site
 * open in the same tab, everything else in a new tab.
 */
export async function openLink(href: string, siteUrl: string): Promise<void> {
  if (siteUrl !== '' && isSameSite(href, siteUrl)) {
    await router.navigate(href);
    return;
  }

  await router.open(href);
}

function isSameSite(href: string, siteUrl: string): boolean {
  try {
    return new URL(href).origin === new URL(siteUrl).origin;
  } catch {
    return false;
  }
}
