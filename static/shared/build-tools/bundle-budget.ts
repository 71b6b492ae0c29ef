// A Vite plugin that prints the gzipped size of everything a front end loads
// (JavaScript, CSS, HTML) after the build, and fails or warns when the total
// is over budget. Vite prints per-file sizes; this adds the total that matters
// for a page with the macro on it.

import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export interface BundleBudgetOptions {
  /** Front end name used in the report line. */
  name: string;
  /** Budget in KiB (1,024 bytes) of gzipped output. */
  budgetKiB: number;
  /** Fail the build when over budget; otherwise print a loud warning. */
  failOverBudget: boolean;
}

export function bundleBudget(options: BundleBudgetOptions): Plugin {
  return {
    name: 'bundle-budget',
    apply: 'build',
    generateBundle(_outputOptions, bundle) {
      const sizes: { file: string; gzipBytes: number }[] = [];

      for (const [file, output] of Object.entries(bundle)) {
        if (!/\.(js|css|html)$/.test(file)) continue;
        const source = output.type === 'chunk' ? output.code : output.source;
        sizes.push({ file, gzipBytes: gzipSync(source, { level: 9 }).length });
      }

      const totalKiB = sizes.reduce((sum, entry) => sum + entry.gzipBytes, 0) / 1024;

      // What a page loads before any lazy chunk (chart.js is loaded only for results with charts).
      const initialFiles = new Set<string>();
      for (const [file, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk' || !output.isEntry) continue;
        initialFiles.add(file);
        for (const imported of output.imports) initialFiles.add(imported);
        for (const css of output.viteMetadata?.importedCss ?? []) initialFiles.add(css);
      }
      const initialKiB = sizes.filter((entry) => initialFiles.has(entry.file)).reduce((sum, entry) => sum + entry.gzipBytes, 0) / 1024;
      const lines = sizes
        .sort((a, b) => b.gzipBytes - a.gzipBytes)
        .map((entry) => `  ${(entry.gzipBytes / 1024).toFixed(1).padStart(7)} KiB  ${entry.file}`);
      const summary = `${options.name}: ${totalKiB.toFixed(1)} KiB gzipped in total (budget ${options.budgetKiB} KiB), ${initialKiB.toFixed(1)} KiB before lazy chunks`;

      console.log(`\n${summary}\n${lines.join('\n')}\n`);

      if (totalKiB <= options.budgetKiB) return;

      const message = `${options.name} bundle is over budget: ${totalKiB.toFixed(1)} KiB gzipped > ${options.budgetKiB} KiB. Remove a dependency or register fewer chart.js parts.`;
      if (options.failOverBudget) this.error(message);
      console.warn(`\n!!! ${message}\n`);
    },
  };
}
