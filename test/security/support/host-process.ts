// Starts the local host as a child process with extra command-line flags,
// such as --allow-private-host for a test's own loopback server. The shared
// helper in test/support/local-host.ts starts it without them.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PROJECT_ROOT = resolve(import.meta.dirname, '../../..');
const READY_PATTERN = /^Local host ready at (http:\/\/127\.0\.0\.1:\d+)\/$/m;

export interface HostProcess {
  url: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
  kill(): Promise<void>;
  cleanup(): void;
}

export interface HostProcessOptions {
  dataDir?: string;
  /** `127.0.0.1:PORT` entries passed as --allow-private-host. */
  allowPrivateHosts?: string[];
}

export async function startHostProcess(options: HostProcessOptions = {}): Promise<HostProcess> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pq-security-'));
  const args = ['--import', 'tsx', 'src/local/main.ts', '--port', '0', '--data', dataDir];
  for (const entry of options.allowPrivateHosts ?? []) args.push('--allow-private-host', entry);

  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The local host did not start within 60 s. Output:\n${output}`));
    }, 60_000);
    const check = () => {
      const match = READY_PATTERN.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolveUrl(match[1]);
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The local host exited with code ${code} before it was ready. Output:\n${output}`));
    });
  });

  const terminate = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    dataDir,
    output: () => output,
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
    cleanup() {
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
