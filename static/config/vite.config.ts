import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bundleBudget } from '../shared/build-tools/bundle-budget.ts';

// The macro's configuration dialog. Forge serves the build directory as a static resource, so
// every asset path must be relative (`base: './'`).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'build',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: true,
  },
  plugins: [bundleBudget({ name: 'configuration dialog', budgetKiB: 150, failOverBudget: false })],
});
