// Sandbox hosts: a worker thread (QuickJS) or a child process (isolated-vm)
// that runs one converter job at a time. A host that overruns its wall time,
// runs out of memory or dies is discarded and a new one serves the next job,
// so a runaway converter never takes the application process down with it.

/** Reason a host stopped without replying. */
export type HostStopReason = 'wall-time' | 'out-of-memory' | 'exited' | 'start-failed' | 'disposed';

export class HostStoppedError extends Error {
  constructor(
    readonly reason: HostStopReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HostStoppedError';
  }
}

interface PendingJob<Reply> {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/**
 * One host. Subclasses start the thread or process, call `receive` for each
 * message and `stop` when it dies, and implement `send`, `kill` and `setKeepAlive`.
 */
export abstract class SandboxHost<Job, Reply extends { type: string; recycle?: boolean }> {
  readonly ready: Promise<void>;
  alive = true;
  private pending: PendingJob<Reply> | undefined;
  private markReady!: () => void;
  private markBroken!: (error: Error) => void;

  constructor(startTimeoutMs: number) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.markBroken = reject;
    });
    // Nothing awaits `ready` for a prewarmed host until a job arrives.
    this.ready.catch(() => undefined);

    const startTimer = setTimeout(() => {
      this.stop(new HostStoppedError('start-failed', `The sandbox did not start within ${startTimeoutMs} ms.`));
    }, startTimeoutMs);
    startTimer.unref();
    const clear = () => clearTimeout(startTimer);
    this.ready.then(clear, clear);
  }

  protected abstract send(job: Job): void;
  protected abstract kill(): void;
  /** Keeps the event loop alive while a job runs; an idle host must not hold the process open. */
  protected abstract setKeepAlive(keepAlive: boolean): void;

  /** Handles one message from the host; `ready` first, then one reply per job. */
  protected receive(reply: Reply): void {
    if (reply.type === 'ready') {
      // A host keeps the process alive while it starts, then only while a job runs.
      if (!this.pending) this.setKeepAlive(false);
      this.markReady();
      return;
    }
    const pending = this.pending;
    if (!pending) {
      // A failure while starting, before any job was sent.
      const detail = 'message' in reply ? String(reply.message) : reply.type;
      this.stop(new HostStoppedError('start-failed', `The sandbox failed to start: ${detail}`));
      return;
    }
    this.pending = undefined;
    if (reply.recycle) this.terminate();
    pending.resolve(reply);
  }

  /** Sends one job; rejects with HostStoppedError when the host is killed or dies first. */
  async exec(job: Job, wallTimeMs: number): Promise<Reply> {
    await this.ready;
    if (!this.alive) throw new HostStoppedError('exited', 'The sandbox stopped before the job was sent.');

    this.setKeepAlive(true);
    try {
      return await new Promise<Reply>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.stop(new HostStoppedError('wall-time', `The sandbox was stopped after ${wallTimeMs} ms.`));
        }, wallTimeMs);
        this.pending = {
          resolve: (reply) => {
            clearTimeout(timer);
            resolve(reply);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        this.send(job);
      });
    } finally {
      if (this.alive) this.setKeepAlive(false);
    }
  }

  /** Marks the host dead, fails whatever waits on it, and kills it. */
  stop(error: HostStoppedError): void {
    this.terminate();
    this.markBroken(error);
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }

  terminate(): void {
    if (!this.alive) return;
    this.alive = false;
    this.kill();
  }
}

export interface HostPoolOptions {
  /** Hosts running at once; further jobs wait for a free one. */
  maxHosts: number;
}

interface Waiter<Host> {
  resolve(host: Host): void;
  reject(error: Error): void;
}

export class HostPool<Job, Reply extends { type: string; recycle?: boolean }> {
  private readonly idle: SandboxHost<Job, Reply>[] = [];
  private readonly waiting: Waiter<SandboxHost<Job, Reply>>[] = [];
  private count = 0;
  private disposed = false;

  constructor(
    private readonly createHost: () => SandboxHost<Job, Reply>,
    private readonly options: HostPoolOptions,
  ) {}

  /** Starts one host in the background so the first job does not pay for starting it. */
  prewarm(): SandboxHost<Job, Reply> | undefined {
    if (this.disposed || this.count > 0) return this.idle[0];
    const host = this.startHost();
    this.idle.push(host);
    return host;
  }

  /** Creates a host and counts it; a constructor that throws (no worker threads, no child processes) leaves the count unchanged. */
  private startHost(): SandboxHost<Job, Reply> {
    const host = this.createHost();
    this.count += 1;
    return host;
  }

  /** Runs one job; a host that was killed or died is replaced, never reused. */
  async exec(job: Job, wallTimeMs: number): Promise<Reply> {
    const host = await this.acquire();
    try {
      return await host.exec(job, wallTimeMs);
    } finally {
      this.release(host);
    }
  }

  private acquire(): Promise<SandboxHost<Job, Reply>> {
    if (this.disposed) return Promise.reject(new HostStoppedError('disposed', 'The converter runtime was disposed.'));

    while (this.idle.length > 0) {
      const host = this.idle.pop() as SandboxHost<Job, Reply>;
      if (host.alive) return Promise.resolve(host);
      this.count -= 1;
    }
    if (this.count < this.options.maxHosts) {
      try {
        return Promise.resolve(this.startHost());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(host: SandboxHost<Job, Reply>): void {
    if (!host.alive || this.disposed) {
      host.terminate();
      this.count -= 1;
      const next = this.waiting.shift();
      if (next && !this.disposed) {
        try {
          next.resolve(this.startHost());
        } catch (error) {
          next.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
      return;
    }

    const next = this.waiting.shift();
    if (next) next.resolve(host);
    else this.idle.push(host);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const host of this.idle.splice(0)) host.terminate();
    for (const waiter of this.waiting.splice(0)) {
      waiter.reject(new HostStoppedError('disposed', 'The converter runtime was disposed.'));
    }
    this.count = 0;
  }
}
