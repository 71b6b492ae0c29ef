import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture, startTestServer, type TestServer } from '../support/https-server';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOKEN = 'cli-test-token-7f3a';
let server: TestServer;
let dir: string;
let configPath: string;
let caPath: string;

function runPq(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/pq.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caPath, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  server = await startTestServer({
    routes: {
      'GET /rest/api/2/search': ({ req, res }) => {
        if (req.headers.authorization !== `Bearer ${TOKEN}`) {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"errorMessages":["Unauthorized"]}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(readFixture('jira_v2_search_server_11issues_jira-ruby.json'));
      },
    },
  });
  dir = mkdtempSync(path.join(tmpdir(), 'pq-cli-'));
  caPath = path.join(dir, 'ca.pem');
  writeFileSync(caPath, server.certPem);
  const read = (file: string) => readFileSync(path.join(root, 'examples', file), 'utf8');
  const base = { description: '' };
  configPath = path.join(dir, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      format: 'rest-data-for-confluence/config',
      formatVersion: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      datasources: [
        {
          ...base, id: 'ds', kind: 'datasource', name: 'Jira', baseUrl: server.url, auth: { kind: 'token', placement: 'bearer' },
          headers: {}, allowedHosts: [], testPath: '/', timeoutMs: 5000, maxResponseBytes: 1_000_000, allowInsecureHttp: false,
          secretEnv: { token: 'PQ_TEST_TOKEN' },
        },
      ],
      queries: [
        {
          ...base, id: 'q1', kind: 'query', name: 'Issues', datasourceId: 'ds', method: 'GET', url: '/rest/api/2/search?jql=project%3D:project',
          parameters: [{ name: 'project', type: 'string', default: 'SAMPLEPROJECT', required: true, description: '', viewerEditable: true }],
          converterId: 'c1', cacheDuration: '0', spaces: [],
        },
        {
          ...base, id: 'q2', kind: 'query', name: 'Chart', datasourceId: 'ds', method: 'GET', url: '/rest/api/2/search',
          parameters: [], converterId: 'c2', templateId: 't1', cacheDuration: '0', spaces: [],
        },
      ],
      converters: [
        { ...base, id: 'c1', kind: 'converter', name: 'Open issues', source: read('converters/jira-open-issues.js'), sampleInput: '' },
        { ...base, id: 'c2', kind: 'converter', name: 'Counts', source: read('converters/jira-issue-type-counts.js'), sampleInput: '' },
      ],
      templates: [{ ...base, id: 't1', kind: 'template', name: 'Chart', source: read('templates/issue-type-chart.vm') }],
    }),
  );
});

afterAll(async () => {
  await server.close();
});

describe('cli > pq', () => {
  it('run prints CSV of the default table', async () => {
    const result = await runPq(['run', '--config', configPath, '--query', 'Issues', '--format', 'csv'], { PQ_TEST_TOKEN: TOKEN });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('key,summary,status,assignee,created');
    expect(lines).toHaveLength(12);
    expect(server.requests.at(-1)?.url).toBe('/rest/api/2/search?jql=project%3DSAMPLEPROJECT');
  });

  it('run prints JSON with the chart spec', async () => {
    const result = await runPq(['run', '--config', configPath, '--query', 'Chart', '--format', 'json'], { PQ_TEST_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { charts: { labels: string[] }[]; engine: string };
    expect(parsed.charts[0]?.labels).toEqual(['Task']);
    expect(['isolated-vm', 'quickjs']).toContain(parsed.engine);
  });

  it('run passes --param', async () => {
    const result = await runPq(['run', '--config', configPath, '--query', 'Issues', '--param', 'project=ABC', '--format', 'csv'], { PQ_TEST_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    expect(server.requests.at(-1)?.url).toBe('/rest/api/2/search?jql=project%3DABC');
  });

  it('a missing secret variable is a clear error', async () => {
    const result = await runPq(['run', '--config', configPath, '--query', 'Issues'], { PQ_TEST_TOKEN: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error SECRET_MISSING (stage: fetch): Datasource "Jira" needs its token from environment variable PQ_TEST_TOKEN, which is not set.');
  });

  it('a wrong token reports AUTH_FAILED', async () => {
    const result = await runPq(['run', '--config', configPath, '--query', 'Issues'], { PQ_TEST_TOKEN: 'wrong' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error AUTH_FAILED (stage: fetch)');
    expect(result.stderr).not.toContain('wrong');
  });

  it('validate accepts the config', async () => {
    const result = await runPq(['validate', '--config', configPath]);
    expect(result.stdout).toBe('Config is valid.\n');
    expect(result.code).toBe(0);
  });

  it('validate lists every problem with entity and line', async () => {
    const broken = JSON.parse(readFileSync(configPath, 'utf8'));
    broken.templates[0].source = 'ok\n#if($a)';
    broken.converters[0].source = 'function convert(json) {\n  return [;\n}';
    broken.queries[1].templateId = 'missing';
    const brokenPath = path.join(dir, 'broken.json');
    writeFileSync(brokenPath, JSON.stringify(broken));
    const result = await runPq(['validate', '--config', brokenPath]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('query "Chart": Template "missing" does not exist.');
    expect(result.stderr).toContain('template "Chart":2:1: #if is never closed with #end.');
    expect(result.stderr).toMatch(/converter "Open issues":2:\d+: /);
    expect(result.stderr).toContain('3 problem(s) found.');
  });

  it('bad usage exits 2', async () => {
    const result = await runPq(['run', '--config', configPath]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--query NAME is required.');
  });
});
