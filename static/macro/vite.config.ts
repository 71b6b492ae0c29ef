import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bundleBudget } from '../shared/build-tools/bundle-budget.ts';

// The macro view. Forge serves the build directory as a static resource, so
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
  plugins: [bundleBudget({ name: 'macro view', budgetKiB: 150, failOverBudget: true })],
});
