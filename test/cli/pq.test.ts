import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { readFixture, startTestServer, type TestServer } from '../support/https-server';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOKEN = 'cli-test-token-7f3a';
let server: TestServer;
let dir: string;
let configPath: string;
let caPath: string;
let cacheDir: string;

/** Runs bin/pq.mjs trusting the test CA and allowing the test server's loopback address; `env` entries set to undefined are removed. */
function runPq(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    PQ_CA_FILE: caPath,
    PQ_ALLOW_PRIVATE_HOSTS: `127.0.0.1:${server.port}`,
    PQ_CACHE_DIR: cacheDir,
    ...env,
  };
  delete childEnv.NODE_EXTRA_CA_CERTS;
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/pq.mjs'), ...args], { cwd: root, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs pq in this process with the same defaults as runPq; faster, for the cases that need no separate process. */
async function pq(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv: Record<string, string | undefined> = { PQ_CA_FILE: caPath, PQ_ALLOW_PRIVATE_HOSTS: `127.0.0.1:${server.port}`, PQ_CACHE_DIR: cacheDir, ...env };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  let stdout = '';
  let stderr = '';
  const code = await main(args, childEnv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
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
      'GET /moved': ({ res }) => {
        res.writeHead(302, { location: '/rest/api/2/search?jql=project%3DMOVED' }).end();
      },
      // The redirect target is a link-local metadata address: the client must refuse it without connecting.
      'GET /escape': ({ res }) => {
        res.writeHead(302, { location: 'https://169.254.169.254/latest/meta-data/' }).end();
      },
    },
  });
  dir = mkdtempSync(path.join(tmpdir(), 'pq-cli-'));
  caPath = path.join(dir, 'ca.pem');
  cacheDir = path.join(dir, 'cache');
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
        {
          ...base, id: 'small', kind: 'datasource', name: 'Jira with a small limit', baseUrl: server.url, auth: { kind: 'token', placement: 'bearer' },
          headers: {}, allowedHosts: [], testPath: '/', timeoutMs: 5000, maxResponseBytes: 1024, allowInsecureHttp: false,
          secretEnv: { token: 'PQ_TEST_TOKEN' },
        },
        {
          ...base, id: 'expiring', kind: 'datasource', name: 'Jira with an expiring token', baseUrl: server.url,
          auth: { kind: 'token', placement: 'bearer', expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) },
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
        { ...base, id: 'q3', kind: 'query', name: 'Moved', datasourceId: 'ds', method: 'GET', url: '/moved', parameters: [], converterId: 'c1', cacheDuration: '0', spaces: [] },
        { ...base, id: 'q4', kind: 'query', name: 'Escape', datasourceId: 'ds', method: 'GET', url: '/escape', parameters: [], converterId: 'c1', cacheDuration: '0', spaces: [] },
        { ...base, id: 'q6', kind: 'query', name: 'Space', datasourceId: 'ds', method: 'GET', url: '/rest/api/2/search?jql=space%3D:@space.key', parameters: [], converterId: 'c1', cacheDuration: '0', spaces: [] },
        { ...base, id: 'q7', kind: 'query', name: 'Expiring', datasourceId: 'expiring', method: 'GET', url: '/rest/api/2/search', parameters: [], converterId: 'c1', cacheDuration: '0', spaces: [] },
        { ...base, id: 'q8', kind: 'query', name: 'Cached', datasourceId: 'ds', method: 'GET', url: '/rest/api/2/search?jql=project%3DCACHED', parameters: [], converterId: 'c1', cacheDuration: '5m', spaces: [] },
        { ...base, id: 'q5', kind: 'query', name: 'Big', datasourceId: 'small', method: 'GET', url: '/rest/api/2/search', parameters: [], converterId: 'c1', cacheDuration: '0', spaces: [] },
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

  it('run prints HTML with static tables', async () => {
    const result = await pq(['run', '--config', configPath, '--query', 'Issues', '--locale', 'de-DE', '--time-zone', 'Europe/Berlin'], { PQ_TEST_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('<div class="pq-table"');
    expect(result.stdout).toContain('<table class="pq-table-static"');
    expect(result.stdout.match(/SAMPLEPROJECT-\d+/g)).toHaveLength(11);
  });

  it('html of a chart query prints the chart data as a table', async () => {
    const result = await pq(['run', '--config', configPath, '--query', 'Chart'], { PQ_TEST_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('<div class="pq-chart"');
    expect(result.stdout).toContain('<figure class="pq-chart-static" data-chart-type="ColumnChart"><figcaption>Issues by type</figcaption><table');
    expect(result.stdout).toContain('<tr><td>Task</td><td>11</td></tr>');
    expect(result.stdout).not.toContain('<script');
  });

  it('csv of a chart query prints the chart data', async () => {
    const result = await pq(['run', '--config', configPath, '--query', 'Chart', '--format', 'csv'], { PQ_TEST_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('label,count\r\nTask,11\r\n\n');
  });

  it('--context fills page wildcards', async () => {
    const result = await pq(['run', '--config', configPath, '--query', 'Space', '--format', 'csv', '--context', 'space.key=DEV'], { PQ_TEST_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    expect(server.requests.at(-1)?.url).toBe('/rest/api/2/search?jql=space%3DDEV');

    const missing = await pq(['run', '--config', configPath, '--query', 'Space'], { PQ_TEST_TOKEN: TOKEN });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Error PARAMETER_MISSING (stage: parameters): The wildcard ":@space.key" has no value here');

    const unknown = await pq(['run', '--config', configPath, '--query', 'Space', '--context', 'space.name=DEV']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--context "space.name=DEV" must look like name=value');
  });

  it('warnings go to stderr, not into the output', async () => {
    const csv = await pq(['run', '--config', configPath, '--query', 'Expiring', '--format', 'csv'], { PQ_TEST_TOKEN: TOKEN });
    expect(csv.code).toBe(0);
    expect(csv.stderr).toMatch(/^Warning TOKEN_EXPIRING: The token of "Jira with an expiring token" expires on \d{4}-\d{2}-\d{2} \(in 3 days\)/);
    expect(csv.stdout.startsWith('key,summary')).toBe(true);

    const json = await pq(['run', '--config', configPath, '--query', 'Expiring', '--format', 'json'], { PQ_TEST_TOKEN: TOKEN });
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout).warnings[0].code).toBe('TOKEN_EXPIRING');
  });

  it('results are cached across runs for the cache duration', async () => {
    const fetches = () => server.requests.filter((request) => request.url.endsWith('project%3DCACHED')).length;
    const runCached = async (extra: string[] = [], env: Record<string, string | undefined> = {}) => {
      const result = await pq(['run', '--config', configPath, '--query', 'Cached', '--format', 'json', ...extra], { PQ_TEST_TOKEN: TOKEN, ...env });
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout) as { cache: { hit: boolean }; tables: { rows: unknown[] }[] };
    };

    expect((await runCached()).cache.hit).toBe(false);
    const second = await runCached();
    expect(second.cache.hit).toBe(true);
    expect(second.tables[0]?.rows).toHaveLength(11);
    expect(fetches()).toBe(1);

    expect((await runCached(['--refresh'])).cache.hit).toBe(false);
    expect(fetches()).toBe(2);
    expect((await runCached(['--no-cache'])).cache.hit).toBe(false);
    expect(fetches()).toBe(3);

    // Another token is another cache partition.
    const otherToken = await pq(['run', '--config', configPath, '--query', 'Cached', '--format', 'json'], { PQ_TEST_TOKEN: 'wrong' });
    expect(otherToken.stderr).toContain('Error AUTH_FAILED');
    expect(fetches()).toBe(4);

    const files = readdirSync(cacheDir);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((name) => /^[0-9a-f]{64}\.json$/.test(name))).toBe(true);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    for (const name of files) expect(statSync(path.join(cacheDir, name)).mode & 0o777).toBe(0o600);
  });

  it('editing the converter in the config misses the cache', async () => {
    const fetches = () => server.requests.filter((request) => request.url.endsWith('project%3DCACHED')).length;
    await pq(['run', '--config', configPath, '--query', 'Cached', '--format', 'csv'], { PQ_TEST_TOKEN: TOKEN });
    const before = fetches();
    const edited = JSON.parse(readFileSync(configPath, 'utf8'));
    edited.converters[0].source = edited.converters[0].source.replace("summary: issue.fields?.summary ?? ''", "summary: 'edited'");
    const editedPath = path.join(dir, 'edited.json');
    writeFileSync(editedPath, JSON.stringify(edited));
    const result = await pq(['run', '--config', editedPath, '--query', 'Cached', '--format', 'csv'], { PQ_TEST_TOKEN: TOKEN });
    expect(result.stdout.split('\r\n')[1]).toContain(',edited,');
    expect(fetches()).toBe(before + 1);
  });

  it('--engine quickjs runs the converter on QuickJS with the same result', async () => {
    const quick = await pq(['run', '--config', configPath, '--query', 'Chart', '--format', 'json', '--engine', 'quickjs', '--no-cache'], { PQ_TEST_TOKEN: TOKEN });
    const native = await pq(['run', '--config', configPath, '--query', 'Chart', '--format', 'json', '--engine', 'isolated-vm', '--no-cache'], { PQ_TEST_TOKEN: TOKEN });
    const quickResult = JSON.parse(quick.stdout) as { engine: string; charts: unknown[] };
    const nativeResult = JSON.parse(native.stdout) as { engine: string; charts: unknown[] };
    expect(quickResult.engine).toBe('quickjs');
    expect(nativeResult.engine).toBe('isolated-vm');
    expect(quickResult.charts).toEqual(nativeResult.charts);
  });

  it('run passes --param', async () => {
    const result = await pq(['run', '--config', configPath, '--query', 'Issues', '--param', 'project=ABC', '--format', 'csv'], { PQ_TEST_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    expect(server.requests.at(-1)?.url).toBe('/rest/api/2/search?jql=project%3DABC');
  });

  it('a missing secret variable is a clear error', async () => {
    const result = await pq(['run', '--config', configPath, '--query', 'Issues'], { PQ_TEST_TOKEN: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error SECRET_MISSING (stage: fetch): Datasource "Jira" needs its token from environment variable PQ_TEST_TOKEN, which is not set.');
  });

  it('a wrong token reports AUTH_FAILED', async () => {
    const result = await pq(['run', '--config', configPath, '--query', 'Issues'], { PQ_TEST_TOKEN: 'wrong' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error AUTH_FAILED (stage: fetch)');
    expect(result.stderr).not.toContain('wrong');
  });

  it('refuses the loopback server unless the host is allowed, without connecting', async () => {
    const before = server.connectionCount();
    const result = await pq(['run', '--config', configPath, '--query', 'Issues'], { PQ_TEST_TOKEN: TOKEN, PQ_ALLOW_PRIVATE_HOSTS: undefined });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error HOST_NOT_ALLOWED (stage: fetch): 127.0.0.1:');
    expect(server.connectionCount()).toBe(before);
  });

  it('--allow-private-host allows one host:port like the environment variable', async () => {
    const allowed = await pq(
      ['run', '--config', configPath, '--query', 'Issues', '--format', 'csv', '--allow-private-host', `127.0.0.1:${server.port}`],
      { PQ_TEST_TOKEN: TOKEN, PQ_ALLOW_PRIVATE_HOSTS: undefined },
    );
    expect(allowed.code).toBe(0);
    const otherPort = await pq(
      ['run', '--config', configPath, '--query', 'Issues', '--allow-private-host', `127.0.0.1:${server.port === 1 ? 2 : 1}`],
      { PQ_TEST_TOKEN: TOKEN, PQ_ALLOW_PRIVATE_HOSTS: undefined },
    );
    expect(otherPort.stderr).toContain('Error HOST_NOT_ALLOWED');
  });

  it('an untrusted certificate is a TLS error; --ca-file trusts it', async () => {
    const untrusted = await pq(['run', '--config', configPath, '--query', 'Issues'], { PQ_TEST_TOKEN: TOKEN, PQ_CA_FILE: undefined });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain('Error TLS_ERROR (stage: fetch)');
    const trusted = await pq(['run', '--config', configPath, '--query', 'Issues', '--format', 'csv', '--ca-file', caPath], { PQ_TEST_TOKEN: TOKEN, PQ_CA_FILE: undefined });
    expect(trusted.code).toBe(0);
  });

  it('bad network options are errors', async () => {
    const wildcard = await pq(['run', '--config', configPath, '--query', 'Issues'], { PQ_TEST_TOKEN: TOKEN, PQ_ALLOW_PRIVATE_HOSTS: '*.example.com' });
    expect(wildcard.code).toBe(1);
    expect(wildcard.stderr).toContain('Error INVALID_REQUEST: "*.example.com" is not a host or host:port');
    const missing = await pq(['run', '--config', configPath, '--query', 'Issues'], { PQ_TEST_TOKEN: TOKEN, PQ_CA_FILE: path.join(dir, 'nope.pem') });
    expect(missing.stderr).toContain('Cannot read the certificate file');
    expect(missing.stderr).toContain('ENOENT');
  });

  it('follows a same-origin redirect with the token', async () => {
    const result = await pq(['run', '--config', configPath, '--query', 'Moved', '--format', 'csv'], { PQ_TEST_TOKEN: TOKEN });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(server.requests.at(-1)?.url).toBe('/rest/api/2/search?jql=project%3DMOVED');
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('refuses a redirect to a metadata address before connecting', async () => {
    const result = await pq(['run', '--config', configPath, '--query', 'Escape'], { PQ_TEST_TOKEN: TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error HOST_NOT_ALLOWED (stage: fetch): 169.254.169.254');
  });

  it('a response over the datasource limit is TOO_LARGE', async () => {
    const result = await pq(['run', '--config', configPath, '--query', 'Big'], { PQ_TEST_TOKEN: TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error TOO_LARGE (stage: fetch)');
    expect(result.stderr).toContain('1024 bytes');
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
    const result = await pq(['validate', '--config', brokenPath]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('query "Chart": Template "missing" does not exist.');
    expect(result.stderr).toContain('template "Chart":2:1: #if is never closed with #end.');
    expect(result.stderr).toMatch(/converter "Open issues":2:\d+: /);
    expect(result.stderr).toContain('3 problem(s) found.');
  });

  it('validate applies the schema and save rules', async () => {
    const broken = JSON.parse(readFileSync(configPath, 'utf8'));
    broken.datasources[0].timeoutMs = 'five seconds';
    broken.datasources[1].baseUrl = 'http://jira.example.com';
    broken.queries[0].cacheDuration = '5 minutes';
    broken.queries[1].colour = 'red';
    broken.queries[2].id = 'q1';
    broken.templates[0].schemaVersion = 1;
    const brokenPath = path.join(dir, 'rules.json');
    writeFileSync(brokenPath, JSON.stringify(broken));
    const result = await pq(['validate', '--config', brokenPath]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('datasource "Jira": timeoutMs must be');
    expect(result.stderr).toContain('datasource "Jira with a small limit": baseUrl "http://jira.example.com" uses plain http');
    expect(result.stderr).toContain('query "Issues": cacheDuration "5 minutes" is not a duration.');
    expect(result.stderr).toContain('query "Chart": colour is not a known field. Remove it.');
    expect(result.stderr).toContain('query "Moved": id "q1" is used by another query.');
    expect(result.stderr).not.toContain('schemaVersion');
    expect(result.stderr).toContain('5 problem(s) found.');
  });

  it('validate accepts every example as a config', async () => {
    const index = JSON.parse(readFileSync(path.join(root, 'examples/index.json'), 'utf8')) as {
      examples: { name: string; description: string; converter: string; template?: string; path: string; parameters: unknown[] }[];
    };
    const base = { description: '' };
    const datasource = {
      ...base, id: 'ds', kind: 'datasource', name: 'API', baseUrl: 'https://api.example.com', auth: { kind: 'none' },
      headers: {}, allowedHosts: [], testPath: '/', timeoutMs: 5000, maxResponseBytes: 1_000_000, allowInsecureHttp: false,
    };
    const converters = [...new Set(index.examples.map((entry) => entry.converter))].map((file, position) => ({
      ...base, id: `c${position}`, kind: 'converter', name: file, source: readFileSync(path.join(root, 'examples', file), 'utf8'), sampleInput: '',
    }));
    const templates = [...new Set(index.examples.flatMap((entry) => (entry.template ? [entry.template] : [])))].map((file, position) => ({
      ...base, id: `t${position}`, kind: 'template', name: file, source: readFileSync(path.join(root, 'examples', file), 'utf8'),
    }));
    const queries = index.examples.map((entry, position) => ({
      id: `q${position}`, kind: 'query', name: entry.name, description: entry.description, datasourceId: 'ds', method: 'GET', url: entry.path,
      parameters: entry.parameters, converterId: converters.find((converter) => converter.name === entry.converter)!.id,
      ...(entry.template ? { templateId: templates.find((template) => template.name === entry.template)!.id } : {}),
      cacheDuration: '5m', spaces: [],
    }));
    const examplesPath = path.join(dir, 'examples.json');
    writeFileSync(examplesPath, JSON.stringify({ format: 'rest-data-for-confluence/config', formatVersion: 1, exportedAt: '2026-01-01T00:00:00.000Z', datasources: [datasource], queries, converters, templates }));
    const result = await pq(['validate', '--config', examplesPath]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('Config is valid.\n');
  });

  it('validate names entities without a name or id by position', async () => {
    const emptyPath = path.join(dir, 'empty-entities.json');
    writeFileSync(emptyPath, JSON.stringify({ format: 'rest-data-for-confluence/config', formatVersion: 1, exportedAt: '2026-01-01T00:00:00.000Z', datasources: [{}], queries: [{}], converters: [], templates: [] }));
    const result = await pq(['validate', '--config', emptyPath]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('datasource "#1": baseUrl is missing.');
    expect(result.stderr).toContain('query "#1": id is missing.');
    expect(result.stderr).not.toContain('undefined');
  });

  it('a config with a broken section is a clear error', async () => {
    const broken = JSON.parse(readFileSync(configPath, 'utf8'));
    broken.queries = { q1: broken.queries[0] };
    const brokenPath = path.join(dir, 'section.json');
    writeFileSync(brokenPath, JSON.stringify(broken));
    for (const command of ['run', 'validate']) {
      const result = await pq(command === 'run' ? ['run', '--config', brokenPath, '--query', 'Issues'] : ['validate', '--config', brokenPath]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Error IMPORT_INVALID: Config file "${brokenPath}" has a "queries" that is not a list of objects.`);
    }
  });

  it('bad usage exits 2', async () => {
    const result = await runPq(['run', '--config', configPath]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--query NAME is required.');
  });
});
