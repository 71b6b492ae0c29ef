// Browser assets of the shell: the frame bridge and the shell script (written
// in TypeScript, transpiled once at start-up), the shell's stylesheet and the
// Atlassian design-token themes that view.theme.enable() loads.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';

const require = createRequire(import.meta.url);

export interface ShellAssets {
  bridgeJs: string;
  shellJs: string;
  shellCss: string;
  tokensCss: string;
}

/** Token themes in the order Forge's theme loader applies them. */
const TOKEN_THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];

export function loadShellAssets(): ShellAssets {
  const here = import.meta.dirname;
  return {
    bridgeJs: transpileBrowserScript(join(here, '../bridge/frame-bridge.ts')),
    shellJs: transpileBrowserScript(join(here, 'shell.ts')),
    shellCss: readFileSync(join(here, 'shell.css'), 'utf8'),
    tokensCss: TOKEN_THEMES.map(loadTokenTheme).join('\n'),
  };
}

// The scripts use only `import type`, so the output is a plain script once the
// module marker TypeScript leaves behind is dropped.
function transpileBrowserScript(file: string): string {
  const output = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, removeComments: false, isolatedModules: true },
  });
  return output.outputText.replace(/^export \{\};?\s*$/m, '');
}

// @atlaskit/tokens ships each theme as a CommonJS module whose default export is the CSS text.
function loadTokenTheme(name: string): string {
  const module = require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${name}.js`) as { default: string };
  return module.default;
}
