// Flags of src/local/main.ts and how the process reports bad input.

import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHostOptions, PROJECT_ROOT, UsageError } from '../../src/local/options';

function runMain(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/local/main.ts', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('parseHostOptions', () => {
  it('applies the defaults', () => {
    expect(parseHostOptions([])).toEqual({
      port: 8080,
      privateHostsAllowed: [],
      dataDir: resolve(PROJECT_ROOT, '.data'),
      reset: false,
      staticDir: resolve(PROJECT_ROOT, 'static'),
    });
  });

  it('reads every flag', () => {
    expect(parseHostOptions(['--port', '0', '--data', '/tmp/x', '--reset', '--static', '/tmp/s'])).toEqual({
      port: 0,
      privateHostsAllowed: [],
      dataDir: '/tmp/x',
      reset: true,
      staticDir: '/tmp/s',
    });
  });

  it.each([['--port', 'abc'], ['--port', '70000'], ['--port', '-1'], ['--unknown']])('rejects %s %s', (...args) => {
    expect(() => parseHostOptions(args.filter(Boolean))).toThrow(UsageError);
  });

  it('accepts loopback private hosts only', () => {
    expect(parseHostOptions(['--allow-private-host', '127.0.0.1:9443', '--allow-private-host', 'localhost:1'])).toMatchObject({ privateHostsAllowed: ['127.0.0.1:9443', 'localhost:1'] });
    expect(() => parseHostOptions(['--allow-private-host', '10.0.0.1:80'])).toThrow('Invalid --allow-private-host "10.0.0.1:80"');
  });

  it('names the bad port value', () => {
    expect(() => parseHostOptions(['--port', '70000'])).toThrow('Invalid --port "70000": expected a whole number from 0 to 65535.');
  });

  it('returns help', () => {
    expect(parseHostOptions(['--help'])).toBe('help');
  });
});

describe('main', () => {
  it('prints usage for a bad flag', () => {
    const { status, output } = runMain(['--port', 'nope']);
    expect(status).toBe(2);
    expect(output).toContain('Invalid --port "nope"');
    expect(output).toContain('Usage: npm start --');
  }, 90_000);

  it('reports a port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'pq-cli-'));
    try {
      const { status, output } = runMain(['--port', String(port), '--data', dataDir]);
      expect(status).toBe(1);
      expect(output).toContain(`Port ${port} on 127.0.0.1 is already in use.`);
    } finally {
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
