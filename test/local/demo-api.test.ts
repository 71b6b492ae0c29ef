// The demo Jira API on its own: token check over https and the routes that
// filter and page the real responses.

import { request } from 'node:https';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateCertificate } from '../../src/local/demo-api/certificate';
import { loadDemoFixtures } from '../../src/local/demo-api/fixtures';
import { parseJql } from '../../src/local/demo-api/jql';
import { startDemoApi, type DemoApi } from '../../src/local/demo-api/server';
import { createDemoToken, loadDemoTokens, matchToken, saveDemoTokens, tokensFile } from '../../src/local/demo-api/tokens';
import type { Logger } from '../../src/core/ports';

/** Jira responses of several shapes; the assertions check them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JiraBody = any;

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const token = createDemoToken('test');
let api: DemoApi;
let cert: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pq-demo-api-'));
  const certificate = await loadOrCreateCertificate(dataDir);
  cert = certificate.cert;
  api = await startDemoApi({ certificate, fixtures: loadDemoFixtures(), tokens: () => [{ label: token.label, sha256: token.sha256 }], logger: silent });
});

afterAll(async () => {
  await api?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function get(path: string, bearer: string | null = token.token): Promise<{ status: number; body: JiraBody }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = bearer === null ? {} : { authorization: `Bearer ${bearer}` };
    const req = request(`${api.origin}${path}`, { ca: cert, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('demo API', () => {
  it('rejects a missing token', async () => {
    const response = await get('/rest/api/2/project', null);
    expect(response.status).toBe(401);
    expect(response.body.errorMessages[0]).toContain('not authenticated');
  });

  it('rejects a wrong token', async () => {
    expect((await get('/rest/api/2/project', 'pqdemo_wrong')).status).toBe(401);
  });

  it('serves the project list', async () => {
    const response = await get('/rest/api/2/project');
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(567);
  });

  it('filters a search by project and open status', async () => {
    const sling = await get('/rest/api/2/search?jql=project%3DSLING');
    expect(sling.body.total).toBe(9);
    const open = await get('/rest/api/2/search?jql=project%20%3D%20SLING%20AND%20statusCategory%20!%3D%20Done');
    expect(open.body.issues.map((issue: { key: string }) => issue.key)).toEqual(['SLING-8338', 'SLING-8337']);
    const unknown = await get('/rest/api/2/search?jql=project%3DNOPE');
    expect(unknown.body).toMatchObject({ total: 0, issues: [] });
  });

  it('pages a search', async () => {
    const page = await get('/rest/api/2/search?jql=project%3DSAMPLEPROJECT&startAt=10&maxResults=5');
    expect(page.body).toMatchObject({ startAt: 10, maxResults: 5, total: 11, isLast: true });
    expect(page.body.issues).toHaveLength(1);
  });

  it('serves token pages of the Cloud search', async () => {
    const first = await get('/rest/api/3/search/jql?jql=project%3DTEST&maxResults=2');
    expect(first.body).toMatchObject({ isLast: false, nextPageToken: 'token-page-2' });
    const second = await get('/rest/api/3/search/jql?jql=project%3DTEST&nextPageToken=token-page-2');
    expect(second.body.isLast).toBe(true);
    const joined = await get('/rest/api/3/search/jql?jql=project%3DTEST&maxResults=50');
    expect(joined.body.issues).toHaveLength(3);
    expect((await get('/rest/api/3/search/jql?nextPageToken=bogus')).status).toBe(400);
  });

  it('answers 404 in Jira shape', async () => {
    const response = await get('/rest/api/2/project/NOPE/versions');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errorMessages: ["No project could be found with key 'NOPE'."], errors: {} });
    expect((await get('/rest/agile/1.0/board/999/sprint')).status).toBe(404);
  });

  it('serves an issue by key', async () => {
    const found = await get('/rest/api/2/issue/SAMPLEPROJECT-13');
    expect(found.status).toBe(200);
    expect(found.body.key).toBe('SAMPLEPROJECT-13');
    const missing = await get('/rest/api/2/issue/NOPE-1');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
  });

  it('rejects an invalid field', async () => {
    const response = await get('/rest/api/2/search?jql=project%3DSLING&fields=summary,invalid');
    expect(response.status).toBe(400);
    expect(response.body.errors.invalid).toBe("Field 'invalid' is not valid for this operation.");
  });

  it('reuses the stored certificate', async () => {
    expect((await loadOrCreateCertificate(dataDir)).cert).toBe(cert);
  });
});

describe('demo API helpers', () => {
  it('stores only token digests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pq-tokens-'));
    saveDemoTokens(dir, [token]);
    const text = readFileSync(tokensFile(dir), 'utf8');
    expect(text).not.toContain(token.token);
    expect(matchToken(token.token, loadDemoTokens(dir))).toBe('test');
    expect(statSync(tokensFile(dir)).mode & 0o777).toBe(0o600);
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses project clauses', () => {
    expect(parseJql('project = "sling" ORDER BY created')).toEqual({ projects: ['SLING'], openOnly: false });
    expect(parseJql('project in (A, "B") AND resolution = Unresolved')).toEqual({ projects: ['A', 'B'], openOnly: true });
  });

  it('counts requests by path', async () => {
    api.resetRequestCounts();
    await get('/rest/api/2/serverInfo');
    await get('/rest/api/2/serverInfo?x=1');
    expect(api.requestCounts()).toEqual({ total: 2, byPath: { '/rest/api/2/serverInfo': 2 } });
  });

  it('matches tokens exactly', () => {
    expect(matchToken(token.token, [token])).toBe('test');
    expect(matchToken(`${token.token}x`, [token])).toBeUndefined();
    expect(matchToken('', [token])).toBeUndefined();
  });
});
