// Data the server embeds in every shell page for the shell script: the view,
// the users for the switcher and the app frames with their Forge contexts.
// Shared by the server (which writes it) and the browser script (which reads it).

export interface ShellUser {
  accountId: string;
  displayName: string;
  isAdmin: boolean;
}

/** One app iframe on the page and what `view.getContext()` returns inside it. */
export interface ShellFrame {
  frameId: string;
  /** Built resource the iframe loads, from static/<resource>/build. */
  resource: 'macro' | 'config' | 'admin';
  /** The Forge context without `theme`, which the shell adds at call time. */
  context: Record<string, unknown>;
  /** Macro instance on the page, for saving its config. */
  macroLocalId?: string;
}

export interface ShellData {
  view: 'page' | 'admin';
  /** Origin the app iframes load from; the shell's other loopback name, so apps run cross-origin as on Forge. */
  appOrigin: string;
  users: ShellUser[];
  currentAccountId: string;
  pageId?: string;
  frames: ShellFrame[];
  /** Context for a config dialog, without `extension.config`, `localId` and `isInserting`, which the shell fills in. */
  configTemplate?: Record<string, unknown>;
}
