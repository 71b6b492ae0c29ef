// Gzipped size of the front-end builds (static/<name>/build, made by
// `npm run build:ui`): every JavaScript, CSS and HTML file at gzip level 9,
// the way the build's own bundle-budget report counts them, in KiB.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { single, verdictOf, type ResultRow } from './lib/stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface BundleSize {
  totalKiB: number;
  /** Files the HTML page references directly, before any lazily imported chunk. */
  initialKiB: number;
  largest: { file: string; kib: number }[];
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function measure(build: string): BundleSize {
  const files = filesUnder(build).filter((file) => /\.(js|css|html)$/.test(file));
  const sizes = files.map((file) => ({ file: relative(build, file), kib: gzipSync(readFileSync(file), { level: 9 }).length / 1024 }));
  const html = readFileSync(join(build, 'index.html'), 'utf8');
  const referenced = new Set([...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((match) => match[1]));
  referenced.add('index.html');

  return {
    totalKiB: sizes.reduce((sum, size) => sum + size.kib, 0),
    initialKiB: sizes.filter((size) => referenced.has(size.file)).reduce((sum, size) => sum + size.kib, 0),
    largest: [...sizes].sort((a, b) => b.kib - a.kib).slice(0, 3),
  };
}

function describe(size: BundleSize): string {
  const largest = size.largest.map((entry) => `${entry.file.replace(/-[\w-]{8}\.(js|css)$/, '.$1')} ${entry.kib.toFixed(1)}`).join(', ');
  return `${size.initialKiB.toFixed(1)} KiB loaded by the page before lazy chunks; largest: ${largest}`;
}

export function runBundleBenchmarks(): ResultRow[] {
  const macro = measure(join(ROOT, 'static/macro/build'));
  const admin = measure(join(ROOT, 'static/admin/build'));
  return [
    {
      section: 'Bundles',
      what: 'macro view bundle, gzipped, all files (chart.js and DOMPurify included)',
      measured: single(macro.totalKiB),
      unit: 'KiB',
      budget: '≤ 150 KiB',
      verdict: verdictOf(macro.totalKiB <= 150),
      note: describe(macro),
    },
    {
      section: 'Bundles',
      what: 'admin bundle, gzipped, all files',
      measured: single(admin.totalKiB),
      unit: 'KiB',
      budget: 'report',
      verdict: 'report',
      note: describe(admin),
    },
  ];
}
