// The IPC copy behind the isolated-vm converter rows: the host runs isolates in a child
// process, so every run copies the response there over IPC and the result
// back. This times that copy alone, for the same 10 MB input, with the same
// IPC settings as src/core/convert/isolated-vm/child-host.ts and a child that
// only replies, so the converter rows can be split into transfer and work.

import { spawn } from 'node:child_process';
import { summarize, type ResultRow } from './lib/stats';

const ECHO_CHILD = `process.on('message', (job) => process.send({ type: 'result', length: job.json.length }));
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });`;

export async function measureChildTransfer(json: string, iterations: number): Promise<ResultRow> {
  const child = spawn(process.execPath, ['-e', ECHO_CHILD], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
  const nextMessage = () => new Promise<unknown>((resolve) => child.once('message', resolve));

  try {
    await nextMessage();
    const roundTrip = async () => {
      const reply = nextMessage();
      child.send({ type: 'run', json });
      await reply;
    };
    await roundTrip();
    const times: number[] = [];
    for (let index = 0; index < iterations; index += 1) {
      const started = performance.now();
      await roundTrip();
      times.push(performance.now() - started);
    }
    return {
      section: 'Converters',
      what: `transfer only: ${(json.length / 1e6).toFixed(1)} MB response to a child process over IPC and a reply back, no isolate`,
      measured: summarize(times),
      unit: 'ms',
      budget: 'report',
      verdict: 'report',
      note: 'the part of the isolated-vm rows that the child-process design adds',
    };
  } finally {
    child.disconnect();
  }
}
