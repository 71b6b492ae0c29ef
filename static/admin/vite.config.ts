// Build of the admin page (Confluence global settings, Custom UI). Forge serves
// the built folder from its own origin under an unknown path, so every asset URL
// must be relative: base './'.

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  logLevel: 'info',
  define: {
    // Atlaskit reads process.env.NODE_ENV; a Custom UI page has no `process`.
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
  build: {
    outDir: 'build',
    emptyOutDir: true,
    // Prints the gzipped size of every chunk.
    reportCompressedSize: true,
    chunkSizeWarningLimit: 2048,
    target: 'es2022',
  },
});
