// Timing helpers and the result row every benchmark section produces.

export interface Sample {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export type Verdict = 'within' | 'over' | 'report' | 'failed';

/** One line of the results table, in the unit named by `unit`. */
export interface ResultRow {
  section: string;
  what: string;
  /** The baseline's description; absent when the budget is absolute. */
  baseline?: string;
  measured: Sample;
  baselineMeasured?: Sample;
  unit: 'ms' | 'KiB' | 'MiB' | 'calls';
  /** Measured divided by baseline, medians of the same run. */
  ratio?: number;
  budget: string;
  verdict: Verdict;
  note?: string;
}

export function summarize(samples: number[]): Sample {
  if (samples.length === 0) throw new Error('summarize() needs at least one sample.');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, samples };
}

export function single(value: number): Sample {
  return summarize([value]);
}

/** Runs `action` once untimed, then `iterations` times, and returns the durations in milliseconds. */
export async function timeRepeated(iterations: number, action: () => unknown): Promise<number[]> {
  await action();
  const times: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const started = performance.now();
    await action();
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * Times two actions alternately after one untimed run of each, so both see
 * the same machine state (garbage, JIT, CPU frequency) over the run.
 */
export async function timeInterleaved(
  iterations: number,
  subject: () => unknown,
  baseline: () => unknown,
): Promise<{ subject: number[]; baseline: number[] }> {
  await baseline();
  await subject();
  const result = { subject: [] as number[], baseline: [] as number[] };
  for (let index = 0; index < iterations; index += 1) {
    let started = performance.now();
    await baseline();
    result.baseline.push(performance.now() - started);
    started = performance.now();
    await subject();
    result.subject.push(performance.now() - started);
  }
  return result;
}

export function verdictOf(within: boolean): Verdict {
  return within ? 'within' : 'over';
}
