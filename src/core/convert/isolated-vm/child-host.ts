// A child process running child-main.cjs with isolated-vm. If V8 aborts on a
// heap overflow inside an isolate, only this process dies.

import { spawn, type ChildProcess } from 'node:child_process';
import { HostStoppedError, SandboxHost } from '../host/host-pool';
import type { WorkerJob, WorkerReply } from '../host/protocol';
import { ISOLATED_VM_CHILD_SOURCE } from '../sandbox-programs.generated';

const STDERR_TAIL_CHARACTERS = 4096;

// Text V8 prints to stderr when it aborts on a heap overflow.
const HEAP_ABORT_PATTERN = /out of memory|Allocation failed|CALL_AND_RETRY_LAST|heap limit/i;

export class IsolatedVmChildHost extends SandboxHost<WorkerJob, WorkerReply> {
  private readonly child: ChildProcess;
  private stderrTail = '';

  constructor(addonPath: string, startTimeoutMs: number) {
    super(startTimeoutMs);

    // isolated-vm's README requires --no-node-snapshot on Node 20 and later. The
    // child gets only the addon path in its environment, no secrets of the parent.
    this.child = spawn(process.execPath, ['--no-node-snapshot', '-e', ISOLATED_VM_CHILD_SOURCE], {
      env: { PQ_ISOLATED_VM_PATH: addonPath },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      windowsHide: true,
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARACTERS);
    });
    this.child.on('message', (reply: WorkerReply) => this.receive(reply));
    this.child.on('error', (error) => {
      this.stop(new HostStoppedError('start-failed', `The isolated-vm process failed: ${error.message}`, { cause: error }));
    });
    this.child.on('exit', (code, signal) => {
      const reason = HEAP_ABORT_PATTERN.test(this.stderrTail) ? 'out-of-memory' : 'exited';
      this.stop(new HostStoppedError(reason, `The isolated-vm process exited with ${signal ?? `code ${code}`}.`));
    });
  }

  protected send(job: WorkerJob): void {
    this.child.send(job);
  }

  protected kill(): void {
    this.child.kill('SIGKILL');
  }

  protected setKeepAlive(keepAlive: boolean): void {
    const handles = [this.child, this.child.channel, this.child.stderr] as ({ ref?(): void; unref?(): void } | null | undefined)[];
    for (const handle of handles) {
      if (keepAlive) handle?.ref?.();
      else handle?.unref?.();
    }
  }
}
