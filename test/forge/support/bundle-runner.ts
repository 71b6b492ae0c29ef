// Child process for the bundle test. It loads dist-style Forge bundle from a
// directory with no node_modules, where `isolated-vm` cannot be required,
// installs the Forge platform emulation and an egress proxy stand-in, and
// drives the bundle's `handler` exactly as Forge invokes it. It prints one
// `RESULT <json>` line for the parent test to check.

import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';

import { ForgeEmulator } from '../../support/forge-emulator';
import { installEgressProxy } from './egress-proxy';

const bundlePath = required('PQ_BUNDLE');
const upstreamPort = Number(required('PQ_UPSTREAM_PORT'));
const upstreamCa = readFileSync(required('PQ_UPSTREAM_CA'), 'utf8');
const examplesDir = required('PQ_EXAMPLES_DIR');

const ADMIN = 'account-admin';
const VIEWER = 'account-viewer';
const HOST = 'jira.example.test';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

// Forge cannot ship native addons; make sure no copy of isolated-vm on this
// machine can be found, whatever the module search path.
const moduleInternals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (request === 'isolated-vm' || request.startsWith('isolated-vm/')) {
    throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
  }
  return resolveFilename.call(this, request, ...rest);
};

let currentAccount: string | undefined;
const emulator = new ForgeEmulator({ accountOf: () => currentAccount }).install();
emulator.admins.add(ADMIN);
emulator.addPage({ id: '100', title: 'Dashboard', spaceId: '1' }, 'ENG');

// The declared egress list starts as the manifest's, embedded in the bundle;
// the runtime list replaces it once the test "deploys" the datasource host.
let runtimeEgress: string[] | undefined;
const proxied = installEgressProxy({
  declared: () => runtimeEgress ?? ['*.atlassian.net'],
  routes: [{ hostname: HOST, port: upstreamPort, ca: upstreamCa }],
});

const { handler } = createRequire(import.meta.url)(bundlePath) as {
  handler: (event: unknown, runtime: unknown) => Promise<{ ok: boolean; data?: any; error?: any }>;
};

async function call(functionKey: string, payload: unknown, accountId: string, pageId?: string) {
  currentAccount = accountId;
  const event = {
    call: { functionKey, payload },
    context: { accountType: 'licensed', locale: 'en-US', timezone: 'UTC', extension: { type: 'macro', content: pageId ? { id: pageId, type: 'page' } : undefined } },
  };
  return handler(event, { principal: { accountId }, installContext: 'ari:cloud:confluence::site/bundle-test' });
}

async function admin(functionKey: string, payload: unknown) {
  const response = await call(functionKey, payload, ADMIN);
  if (!response.ok) throw new Error(`${functionKey} failed: ${JSON.stringify(response.error)}`);
  return response.data;
}

async function main() {
  const datasource = await admin('datasources/save', {
    draft: {
      kind: 'datasource',
      name: 'Jira',
      description: '',
      baseUrl: `https://${HOST}`,
      auth: { kind: 'token', placement: 'bearer' },
      headers: {},
      allowedHosts: [],
      testPath: '/rest/api/2/serverInfo',
      timeoutMs: 10_000,
      maxResponseBytes: 5_000_000,
      allowInsecureHttp: false,
    },
    secrets: { token: 'bundle-token-6d2e' },
  });
  const converter = await admin('converters/save', {
    draft: { kind: 'converter', name: 'Issue type counts', description: '', source: readFileSync(`${examplesDir}/converters/jira-issue-type-counts.js`, 'utf8'), sampleInput: '{}' },
  });
  const template = await admin('templates/save', {
    draft: { kind: 'template', name: 'Issue type chart', description: '', source: readFileSync(`${examplesDir}/templates/issue-type-chart.vm`, 'utf8') },
  });
  const query = await admin('queries/save', {
    draft: {
      kind: 'query',
      name: 'Issues by type',
      description: '',
      datasourceId: datasource.id,
      method: 'GET',
      url: '/rest/api/2/search?jql=project%3D:project',
      parameters: [{ name: 'project', type: 'string', default: 'SAMPLEPROJECT', required: true, description: '', viewerEditable: true }],
      converterId: converter.id,
      templateId: template.id,
      cacheDuration: '10m',
      spaces: ['ENG'],
    },
  });

  const config = { queryId: query.id, parameters: { project: 'SAMPLEPROJECT' } };
  const undeclared = await call('macro/run', { config }, VIEWER, '100');

  // As after a redeploy with the host added: Forge's proxy and the runtime's
  // permission list both know it.
  runtimeEgress = ['*.atlassian.net', HOST];
  (globalThis as { __forge_runtime__?: { appContext: Record<string, unknown> } }).__forge_runtime__!.appContext.permissions = {
    scopes: [],
    external: { fetch: { backend: runtimeEgress.map((address) => ({ address })) } },
  };
  const run = await call('macro/run', { config }, VIEWER, '100');
  const cached = await call('macro/run', { config }, VIEWER, '100');
  const forbidden = await call('datasources/list', {}, VIEWER);
  const converterTest = await call('converters/test', { source: 'function convert(json) { return [{ n: JSON.parse(json).length }]; }', sampleInput: '[1,2,3]' }, ADMIN);

  const stored = JSON.stringify([...emulator.kvs.entries()]);
  console.log(
    `RESULT ${JSON.stringify({
      undeclared,
      run,
      cached,
      forbidden,
      converterTest,
      upstream: proxied.map((record) => ({ url: record.url, authorization: record.headers.authorization })),
      kvsKeys: [...emulator.kvs.keys()],
      secretKeys: [...emulator.secrets.keys()],
      tokenInPlainStorage: stored.includes('bundle-token-6d2e'),
    })}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
