// Starts the local host as a child process (`tsx src/local/main.ts`) on a free
// port with a temporary data directory. A child process, not an in-process
// server, so tests can kill it with SIGKILL mid-write and start it again on the
// same data.

import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** The line main.ts prints once the host listens; the URL is the last token. */
const READY_PATTERN = /^Local host ready at (http:\/\/127\.0\.0\.1:\d+)\/$/m;

export interface LocalHost {
  /** Origin without trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The demo page in the Confluence-like shell. */
  demoPageUrl: string;
  /** The app's admin settings page in the shell. */
  adminPageUrl: string;
  dataDir: string;
  /** Everything the process printed so far, for failure messages. */
  output(): string;
  /** Sends SIGTERM and waits for the process to exit. */
  stop(): Promise<void>;
  /** Sends SIGKILL (no cleanup, like a crash) and waits for the process to exit. */
  kill(): Promise<void>;
  /** Removes the data directory when the helper created it. Call after stop/kill. */
  cleanup(): void;
}

export interface StartOptions {
  /** Reuse a data directory, e.g. to restart after a kill. Default: a new temp dir. */
  dataDir?: string;
  /** Default 0: a free port. */
  port?: number;
  reset?: boolean;
  /** Directory with macro/build, config/build and admin/build instead of static/. */
  staticDir?: string;
  /** Loopback `host:port` entries datasources may reach besides the demo API, e.g. a test's own HTTPS server. */
  privateHostsAllowed?: string[];
  /** How long to wait for the ready line. */
  timeoutMs?: number;
}

export async function startLocalHost(options: StartOptions = {}): Promise<LocalHost> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pq-local-'));
  const args = ['--import', 'tsx', 'src/local/main.ts', '--port', String(options.port ?? 0), '--data', dataDir];
  if (options.reset) args.push('--reset');
  if (options.staticDir) args.push('--static', options.staticDir);
  for (const entry of options.privateHostsAllowed ?? []) args.push('--allow-private-host', entry);

  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  // LOCAL_HOST_LOG_DIR=dir keeps each host's output in dir/local-host-<pid>.log, to debug a failing test.
  const logDir = process.env.LOCAL_HOST_LOG_DIR;
  const logFile = logDir ? join(logDir, `local-host-${child.pid ?? 'unknown'}.log`) : undefined;
  if (logDir) mkdirSync(logDir, { recursive: true });

  let output = '';
  const collect = (chunk: string): void => {
    output += chunk;
    if (logFile) appendFileSync(logFile, chunk);
  };
  child.stdout.setEncoding('utf8').on('data', collect);
  child.stderr.setEncoding('utf8').on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const url = await waitForReady(child, () => output, options.timeoutMs ?? 60_000);

  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };

  return {
    url,
    demoPageUrl: `${url}/wiki/spaces/DEMO/pages/1001`,
    adminPageUrl: `${url}/wiki/admin/rest-data`,
    dataDir,
    output: () => output,
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
    cleanup() {
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForReady(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      cleanupListeners();
      child.kill('SIGKILL');
      reject(new Error(`Local host did not print its URL within ${timeoutMs} ms. Output:\n${output()}`));
    }, timeoutMs);

    const onData = (): void => {
      const match = READY_PATTERN.exec(output());
      if (!match?.[1]) return;
      cleanupListeners();
      resolveUrl(match[1]);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      cleanupListeners();
      reject(new Error(`Local host exited before it was ready (code ${code}, signal ${signal}). Output:\n${output()}`));
    };
    const cleanupListeners = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };

    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}
