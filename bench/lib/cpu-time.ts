// CPU time of this process (all its threads, so QuickJS workers included) and
// of its descendant processes (isolated-vm hosts), in milliseconds. Time spent
// waiting for a core is not counted, which makes it a load-independent cross-check
// of wall-clock ratios on a busy machine.

import { readdirSync, readFileSync } from 'node:fs';

// Linux reports process times in clock ticks; USER_HZ is 100 on every mainstream distribution.
const TICK_MS = 10;

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return children;
  }
  for (const task of tasks) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) children.push(...text.split(/\s+/).map(Number));
    } catch {
      // The thread or process ended while it was read.
    }
  }
  return children;
}

/** CPU ms of every live descendant; a descendant that exited since the last call is lost, so callers compare across runs of a long-lived host. */
function descendantCpuMs(): number {
  let total = 0;
  const pending = childrenOf(process.pid);
  while (pending.length > 0) {
    const pid = pending.pop()!;
    try {
      // Fields after the command name: state is field 3, utime 14, stime 15.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    } catch {
      continue;
    }
    pending.push(...childrenOf(pid));
  }
  return total;
}

export function cpuNowMs(): number {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1000 + descendantCpuMs();
}
