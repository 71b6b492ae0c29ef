// Peak memory of the resolver while it runs a query on a 10 MB Jira search:
// each engine in a fresh child process (bench/memory-child.ts), against an
// HTTPS server on 127.0.0.1 in this process. Forge gives a function 512 MB.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText, startTestServer } from '../test/support/https-server';
import { generateJiraSearch } from './convert';
import { single, verdictOf, type ResultRow } from './lib/stats';

const SECTION = 'Memory';
const TOKEN = 'bench-memory-token';
const FORGE_MEMORY_MIB = 512;
const CHILD = fileURLToPath(new URL('./memory-child.ts', import.meta.url));

interface ChildReport {
  engine: string;
  rows: number;
  runTimes: number[];
  failures: string[];
  /** Per successful run: the run's own fetch, convert and render times in ms. */
  stageTimes: string[];
  rssBeforeMiB: number;
  peakRssMiB: number;
  peakHeapMiB: number;
  heapBeforeMiB: number;
  descendantPeakMiB: number;
}

function runChild(engine: string, args: string[]): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', CHILD, ...args], {
      env: { ...process.env, PQ_CONVERTER_ENGINE: engine },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`Memory benchmark child (${engine}) exited with code ${code}: ${output.slice(-500)}`));
        return;
      }
      resolve(JSON.parse(line) as ChildReport);
    });
  });
}

export async function runMemoryBenchmarks(): Promise<ResultRow[]> {
  const body = Buffer.from(generateJiraSearch(10_000_000));
  const server = await startTestServer({
    routes: {
      'GET /rest/api/2/search': ({ req, res }: { req: IncomingMessage; res: ServerResponse }) => {
        if (req.headers.authorization !== `Bearer ${TOKEN}`) sendText(res, 401, '{"errorMessages":["Unauthorized"]}', 'application/json');
        else sendText(res, 200, body, 'application/json;charset=UTF-8');
      },
    },
  });
  const directory = mkdtempSync(join(tmpdir(), 'pq-bench-'));
  const certFile = join(directory, 'ca.pem');
  writeFileSync(certFile, server.certPem);

  try {
    const rows: ResultRow[] = [];
    for (const engine of ['quickjs', 'isolated-vm']) {
      const report = await runChild(engine, [server.url, certFile, TOKEN]);
      const total = report.peakRssMiB + report.descendantPeakMiB;
      const where = engine === 'quickjs' ? 'QuickJS worker in the process, as on Forge' : 'isolated-vm child process counted in';
      rows.push({
        section: SECTION,
        what: `peak memory of the resolver, macro/run ×3 on a ${(body.length / 1e6).toFixed(1)} MB search (${report.rows} rows), ${where}`,
        measured: single(total),
        unit: 'MiB',
        budget: `report; must fit Forge's ${FORGE_MEMORY_MIB} MB`,
        verdict: verdictOf(total < FORGE_MEMORY_MIB),
        note:
          `peak RSS ${report.peakRssMiB.toFixed(0)} MiB (${report.rssBeforeMiB.toFixed(0)} before the runs)` +
          (report.descendantPeakMiB > 0 ? ` + child ${report.descendantPeakMiB.toFixed(0)} MiB` : '') +
          `; peak JS heap ${report.peakHeapMiB.toFixed(0)} MiB sampled (${report.heapBeforeMiB.toFixed(0)} before); ` +
          `runs ${report.runTimes.map((time) => time.toFixed(0)).join(', ')} ms (${report.stageTimes.join('; ')})` +
          (report.failures.length > 0 ? `; ${report.failures.length} of the runs failed: ${report.failures.join(', ')}` : ''),
      });
    }
    return rows;
  } finally {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
