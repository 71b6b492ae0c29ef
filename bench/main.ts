// `npm run bench`: every benchmark with its baseline and budget, printed as it
// runs and written to docs/benchmarks.md. Never part of `npm test`: absolute
// times depend on the machine, so nothing here gates CI.
//
// Options: --iterations N (timed iterations per measurement, default 9),
// --only a,b (sections: bundles, ui, converters, pipeline, resolver, memory;
// a partial run prints but does not write the page), --no-build (skip
// `npm run build:ui` and measure the builds as they are).

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBundleBenchmarks } from './bundles';
import { describeMachine } from './lib/machine';
import { consoleLine, renderMarkdown } from './lib/report';
import { single, type ResultRow } from './lib/stats';
import { runMemoryBenchmarks } from './memory';
import { runPipelineBenchmarks } from './pipeline';
import { runResolverBenchmarks } from './resolver';
import { runConvertSection, runUiSection } from './sections';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE = new URL('../docs/benchmarks.md', import.meta.url);
const FINDINGS = new URL('./findings.md', import.meta.url);

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '9' },
    only: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const iterations = Number(values.iterations);
if (!Number.isInteger(iterations) || iterations < 3) throw new Error(`--iterations must be a whole number of at least 3, not "${values.iterations}".`);

type Section = { name: string; title: string; run: () => Promise<ResultRow[]> | ResultRow[] };

// The builds are measured and loaded first, right after they are made.
const SECTIONS: Section[] = [
  { name: 'bundles', title: 'Bundles', run: () => runBundleBenchmarks() },
  { name: 'ui', title: 'Macro view in headless Chromium', run: () => runUiSection({ iterations }) },
  { name: 'converters', title: 'Converters', run: () => runConvertSection({ iterations }) },
  { name: 'pipeline', title: 'Server pipeline', run: () => runPipelineBenchmarks({ iterations }) },
  { name: 'resolver', title: 'Resolver', run: () => runResolverBenchmarks({ iterations }) },
  { name: 'memory', title: 'Memory', run: () => runMemoryBenchmarks() },
];

const only = values.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !SECTIONS.some((section) => section.name === name)) ?? [];
if (unknown.length > 0) throw new Error(`Unknown section "${unknown.join(', ')}". Sections: ${SECTIONS.map((section) => section.name).join(', ')}.`);
const selected = SECTIONS.filter((section) => !only || only.includes(section.name));

const startedAt = new Date();
const machine = describeMachine();
console.log(`Benchmarks on ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, load average ${machine.loadAverage[0]!.toFixed(1)}`);

if (!values['no-build'] && selected.some((section) => section.name === 'bundles' || section.name === 'ui')) {
  console.log('Building the front ends (npm run build:ui)...');
  const build = spawnSync('npm', ['run', 'build:ui'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (build.status !== 0) throw new Error(`npm run build:ui failed:\n${build.stdout.slice(-2000)}\n${build.stderr.slice(-2000)}`);
}

const rows: ResultRow[] = [];
for (const section of selected) {
  console.log(`\n${section.title}`);
  const sectionStarted = performance.now();
  try {
    const sectionRows = await section.run();
    for (const row of sectionRows) console.log(consoleLine(row));
    rows.push(...sectionRows);
  } catch (error) {
    // One broken section must not hide the others' results.
    const message = error instanceof Error ? error.message : String(error);
    console.error(`  ${section.title} failed: ${message}`);
    rows.push({ section: section.title, what: 'section did not complete', measured: single(0), unit: 'ms', budget: '—', verdict: 'failed', note: message.split('\n')[0] });
  }
  console.log(`  (${((performance.now() - sectionStarted) / 1000).toFixed(0)} s)`);
}

machine.loadAverage.push(os.loadavg()[0]!);
const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
const missed = rows.filter((row) => row.verdict === 'over' || row.verdict === 'failed');
console.log(`\n${rows.length} measurements in ${durationSeconds.toFixed(0)} s; ${missed.length} over budget or failed.`);

if (only) {
  console.log('Partial run (--only): docs/benchmarks.md was not written.');
} else {
  const command = `npm run bench${iterations === 9 ? '' : ` -- --iterations ${iterations}`}`;
  const page = renderMarkdown(rows, { command, startedAt, durationSeconds, iterations, machine }, readFileSync(FINDINGS, 'utf8'));
  writeFileSync(PAGE, page);
  console.log('Wrote docs/benchmarks.md.');
}
