import { gzipSync, brotliCompressSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../../../src/core/http';
import { basicAuthHeader, fixtureRoute, readFixture, sendJson, sendText, startTestServer, type TestServer } from '../../support/https-server';
import { datasourceFor, depsFor, failure, storeSecret } from './helpers';

const USER = 'admin';
const PASSWORD = 'pa:ss wörd-4711';
const TOKEN = 'tok_7f3a9c2e5b1d4f60';

describe('sendRequest', () => {
  let server: TestServer;
  let plain: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      routes: {
        '/rest/api/2/serverInfo': fixtureRoute('jira_serverinfo_cloud_jira-cli.json'),
        '/rest/api/2/project': fixtureRoute('jira_v2_project_list_apache_567projects.json'),
        '/basic/rest/api/2/search': ({ req, res }) => {
          if (req.headers.authorization !== basicAuthHeader(USER, PASSWORD)) return sendJson(res, 401, { errorMessages: ['You are not authenticated.'], errors: {} });
          sendText(res, 200, readFixture('jira_v2_search_apache_sling_fields_summary.json'), 'application/json');
        },
        '/bearer/api/v1/query': ({ req, res }) => {
          if (req.headers.authorization !== `Bearer ${TOKEN}`) return sendJson(res, 401, { status: 'error', errorType: 'unauthorized', error: 'bad token' });
          sendText(res, 200, readFixture('prometheus_api_v1_query_instant_vector_docs.json'), 'application/json');
        },
        '/header/data': ({ req, res }) => {
          if (req.headers['x-api-key'] !== `Key ${TOKEN}` || req.headers.authorization !== undefined) return sendJson(res, 401, { message: 'Bad credentials' });
          sendText(res, 200, readFixture('hal_embedded_keys_with_spaces_spring-hateoas.json'), 'application/hal+json');
        },
        '/echo': ({ req, res, body, url }) => sendJson(res, 200, { method: req.method, url: req.url, query: url.search, body, contentType: req.headers['content-type'] ?? null, custom: req.headers['x-static'] ?? null }),
        '/gzip': ({ res }) => {
          const bytes = gzipSync(readFixture('jira_v2_project_versions_apache_sling_201.json'));
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bytes.length });
          res.end(bytes);
        },
        '/br': ({ res }) => {
          const bytes = brotliCompressSync(readFixture('github_commit_combined_status_apache_sling.ANONYMIZED.json'));
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'br' });
          res.end(bytes);
        },
        '/deflate': ({ res }) => {
          const bytes = deflateSync(readFixture('jsonapi_compound_document_complete.json'));
          res.writeHead(200, { 'content-type': 'application/vnd.api+json', 'content-encoding': 'deflate' });
          res.end(bytes);
        },
        '/bom': fixtureRoute('jsontestsuite_i_structure_UTF-8_BOM_empty_object.json'),
        '/korean': fixtureRoute('jira_v2_issue_korean_locale_rendered_names_changelog_lesstif.ANONYMIZED.json'),
        '/warnings': ({ res }) =>
          sendJson(res, 200, { startAt: 0, maxResults: 50, total: 0, issues: [], warningMessages: ["The value 'NOPE' does not exist for the field 'project'."] }),
        '/empty': ({ res }) => {
          res.writeHead(204);
          res.end();
        },
        '/cookie': ({ res }) => sendJson(res, 200, { ok: true }, { 'set-cookie': 'session=abc', 'x-request-id': 'r-1' }),
      },
    });
    plain = await startTestServer({ protocol: 'http', routes: { '/rest/api/2/serverInfo': fixtureRoute('jira_serverinfo_cloud_jira-cli.json') } });
  });

  afterAll(async () => {
    await server.close();
    await plain.close();
  });

  it('fetches a fixture over https', async () => {
    const deps = depsFor([server]);
    const response = await sendRequest(deps, datasourceFor(server), { method: 'GET', path: '/rest/api/2/serverInfo' });
    expect(response.status).toBe(200);
    expect(response.json).toEqual(JSON.parse(readFixture('jira_serverinfo_cloud_jira-cli.json').toString('utf8')));
    expect(response.contentType).toBe('application/json');
    expect(response.url).toBe(`${server.url}/rest/api/2/serverInfo`);
    expect(response.redirects).toEqual([]);
    expect(response.warnings).toEqual([]);
  });

  it('reads a 451 KB project list', async () => {
    const response = await sendRequest(depsFor([server]), datasourceFor(server), { method: 'GET', path: '/rest/api/2/project' });
    expect(response.bytes).toBe(451_600);
    expect((response.json as unknown[]).length).toBe(567);
  });

  it('sends HTTP Basic credentials from the secret store', async () => {
    const deps = depsFor([server]);
    const datasource = datasourceFor(server, { baseUrl: `${server.url}/basic`, auth: { kind: 'basic', username: USER } });
    await storeSecret(deps, datasource, 'password', PASSWORD);
    const response = await sendRequest(deps, datasource, { method: 'GET', path: '/rest/api/2/search?jql=project%3DSLING' });
    expect((response.json as { issues: unknown[] }).issues).toHaveLength(9);
  });

  it('sends a bearer token', async () => {
    const deps = depsFor([server]);
    const datasource = datasourceFor(server, { baseUrl: `${server.url}/bearer`, auth: { kind: 'token', placement: 'bearer' } });
    await storeSecret(deps, datasource, 'token', TOKEN);
    const response = await sendRequest(deps, datasource, { method: 'GET', path: '/api/v1/query?query=up' });
    expect((response.json as { status: string }).status).toBe('success');
  });

  it('sends a token in a named header with a prefix', async () => {
    const deps = depsFor([server]);
    const datasource = datasourceFor(server, { auth: { kind: 'token', placement: 'header', headerName: 'X-API-Key', prefix: 'Key ' } });
    await storeSecret(deps, datasource, 'token', TOKEN);
    const response = await sendRequest(deps, datasource, { method: 'GET', path: '/header/data' });
    expect(response.contentType).toBe('application/hal+json');
    expect(response.json).toHaveProperty('_embedded');
  });

  it('posts a JSON body with static headers', async () => {
    const datasource = datasourceFor(server, { headers: { 'X-Static': 'demo' } });
    const response = await sendRequest(depsFor([server]), datasource, { method: 'POST', path: '/echo?x=1', body: '{"jql":"project = SLING"}' });
    expect(response.json).toEqual({ method: 'POST', url: '/echo?x=1', query: '?x=1', body: '{"jql":"project = SLING"}', contentType: 'application/json', custom: 'demo' });
  });

  it('keeps the base URL path and encoded query', async () => {
    const datasource = datasourceFor(server, { baseUrl: `${server.url}/` });
    const response = await sendRequest(depsFor([server]), datasource, { method: 'GET', path: '/echo?jql=project%3D%22A%26B%22' });
    expect((response.json as { url: string }).url).toBe('/echo?jql=project%3D%22A%26B%22');
  });

  it.each([
    ['gzip', '/gzip', 201],
    ['brotli', '/br', undefined],
    ['deflate', '/deflate', undefined],
  ])('decodes %s bodies', async (_name, path, length) => {
    const response = await sendRequest(depsFor([server]), datasourceFor(server), { method: 'GET', path });
    expect(response.json).toBeTypeOf('object');
    if (length !== undefined) expect((response.json as unknown[]).length).toBe(length);
    expect(response.headers['content-encoding']).toBeUndefined();
  });

  it('strips a UTF-8 byte order mark', async () => {
    const response = await sendRequest(depsFor([server]), datasourceFor(server), { method: 'GET', path: '/bom' });
    expect(response.json).toEqual({});
    expect(response.text).toBe('{}');
  });

  it('decodes Korean text as UTF-8', async () => {
    const response = await sendRequest(depsFor([server]), datasourceFor(server), { method: 'GET', path: '/korean' });
    expect(JSON.stringify(response.json)).toContain('할 일');
  });

  it('turns Jira warningMessages into warnings', async () => {
    const response = await sendRequest(depsFor([server]), datasourceFor(server), { method: 'GET', path: '/warnings' });
    expect(response.warnings).toEqual([{ code: 'UPSTREAM_WARNING', message: "The value 'NOPE' does not exist for the field 'project'." }]);
  });

  it('returns null for an empty 204', async () => {
    const response = await sendRequest(depsFor([server]), datasourceFor(server), { method: 'GET', path: '/empty' });
    expect(response.status).toBe(204);
    expect(response.json).toBeNull();
  });

  it('drops set-cookie from the headers', async () => {
    const response = await sendRequest(depsFor([server]), datasourceFor(server), { method: 'GET', path: '/cookie' });
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['x-request-id']).toBe('r-1');
  });

  it('warns on every result over allowed http', async () => {
    const deps = depsFor([plain]);
    const datasource = datasourceFor(plain, { allowInsecureHttp: true });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await sendRequest(deps, datasource, { method: 'GET', path: '/rest/api/2/serverInfo' });
      expect(response.warnings.map((warning) => warning.code)).toEqual(['INSECURE_HTTP']);
    }
  });

  it('logs operation, status and duration without secrets', async () => {
    const deps = depsFor([server]);
    const datasource = datasourceFor(server, { baseUrl: `${server.url}/basic`, auth: { kind: 'basic', username: USER } });
    await storeSecret(deps, datasource, 'password', PASSWORD);
    await sendRequest(deps, datasource, { method: 'GET', path: '/rest/api/2/search' });
    await failure(sendRequest(deps, datasource, { method: 'GET', path: '/missing' }));

    expect(deps.logger.lines.map((line) => `${line.level} ${line.event} ${line.fields?.status}`)).toEqual(['info http.response 200', 'warn http.error 404']);
    const logged = JSON.stringify(deps.logger.lines);
    expect(logged).not.toContain(PASSWORD);
    expect(logged).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'));
  });
});
