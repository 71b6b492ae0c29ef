// Runs macro/run three times on a 10 MB Jira search through the real resolver
// stack (resolver test harness, memory store) in a fresh process and prints
// its memory peaks as one JSON line. Started by bench/memory.ts, which serves
// the response from its own process so this process holds only what a
// resolver would. The converter engine comes from PQ_CONVERTER_ENGINE.

import { readFileSync } from 'node:fs';
import { createBench, PAGES, VIEWER } from '../test/resolvers/harness';
import { sampleDatasourceDraft, sampleQueryDraft } from '../test/resolvers/samples';
import { OPEN_ISSUES_CONVERTER } from './lib/inputs';

const MEBIBYTE = 1024 * 1024;
const RUNS = 3;
const [serverUrl, certFile, token] = process.argv.slice(2) as [string, string, string];

/** Peak resident size in MiB of every descendant process (the isolated-vm hosts), from /proc. */
function descendantPeaksMiB(): number {
  let total = 0;
  const pending = [process.pid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    let children: number[] = [];
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      // The process has exited: nothing below it to count.
    }
    for (const child of children) {
      try {
        const peakKiB = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child}/status`, 'utf8'))?.[1];
        total += Number(peakKiB ?? 0) / 1024;
      } catch {
        // Exited between the two reads.
      }
      pending.push(child);
    }
  }
  return total;
}

const bench = await createBench({ ca: readFileSync(certFile, 'utf8'), privateHostsAllowed: [new URL(serverUrl).host] });
try {
  const datasource = await bench.admin('datasources/save', {
    draft: sampleDatasourceDraft(serverUrl, { maxResponseBytes: 20 * MEBIBYTE, timeoutMs: 20_000 }),
    secrets: { token },
  });
  const converter = await bench.admin('converters/save', {
    draft: { kind: 'converter', name: 'Open issues', description: '', source: OPEN_ISSUES_CONVERTER, sampleInput: '{"issues":[]}' },
  });
  const query = await bench.admin('queries/save', { draft: sampleQueryDraft(datasource.id, { converterId: converter.id, cacheDuration: '0' }) });

  globalThis.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 2);

  const runTimes: number[] = [];
  const failures: string[] = [];
  const stageTimes: string[] = [];
  let rows = 0;
  let engine = '';
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const response = await bench.call(
      'macro/run',
      { config: { queryId: query.id, parameters: { project: 'SAMPLEPROJECT' } } },
      { accountId: VIEWER, pageId: PAGES.eng.id, spaceKey: PAGES.eng.spaceKey },
    );
    runTimes.push(performance.now() - started);
    // A failed run still shows how much memory it took, so it is reported rather than fatal:
    // on a loaded machine QuickJS can exceed the default 2 s converter limit on 10 MB.
    if (!response.ok) {
      failures.push(response.error.code);
      continue;
    }
    const { fetchMs, convertMs, renderMs } = response.data.timings;
    stageTimes.push(`fetch ${fetchMs} + convert ${convertMs} + render ${renderMs}`);
    rows = response.data.tables[0]?.rows.length ?? 0;
    engine = response.data.engine;
    // The response crosses the Forge boundary as JSON: include that copy.
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed + JSON.stringify(response).length);
  }
  clearInterval(sampler);

  const after = process.memoryUsage();
  const kernelPeakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      engine: engine || (process.env.PQ_CONVERTER_ENGINE ?? ''),
      rows,
      runTimes,
      failures,
      stageTimes,
      rssBeforeMiB: before.rss / MEBIBYTE,
      peakRssMiB: Math.max(peakRss, after.rss, kernelPeakRss) / MEBIBYTE,
      peakHeapMiB: peakHeap / MEBIBYTE,
      heapBeforeMiB: before.heapUsed / MEBIBYTE,
      descendantPeakMiB: descendantPeaksMiB(),
    }),
  );
} finally {
  await bench.close();
}
