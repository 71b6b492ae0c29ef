// Resolver benchmarks through the real Forge handler and resolver definitions
// (the resolver test harness: memory store, Forge platform emulation, Node
// transport) against an HTTPS server on 127.0.0.1 that counts requests:
//   - a cache hit of macro/run, page permission check included;
//   - 50 concurrent macro/run calls of one query: how many upstream calls.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBench, PAGES, VIEWER } from '../test/resolvers/harness';
import { sampleDatasourceDraft, sampleQueryDraft } from '../test/resolvers/samples';
import { readFixture, sendText, startTestServer } from '../test/support/https-server';
import { OPEN_ISSUES_CONVERTER, OPEN_ISSUES_TEMPLATE } from './lib/inputs';
import { single, summarize, timeRepeated, verdictOf, type ResultRow } from './lib/stats';

const SECTION = 'Resolver';
const TOKEN = 'bench-resolver-token';
const SEARCH_PATH = '/rest/api/2/search';
const CONCURRENT_RUNS = 50;
/** Upstream response delay, so that the concurrent runs overlap the upstream call as they would against a real Jira. */
const ANSWER_DELAY_MS = 100;

export async function runResolverBenchmarks(options: { iterations: number }): Promise<ResultRow[]> {
  const bytes = readFixture('jira_v2_search_server_11issues_jira-ruby.json');
  const server = await startTestServer({
    routes: {
      [`GET ${SEARCH_PATH}`]: async ({ req, res }: { req: IncomingMessage; res: ServerResponse }) => {
        if (req.headers.authorization !== `Bearer ${TOKEN}`) {
          sendText(res, 401, '{"errorMessages":["Unauthorized"]}', 'application/json');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, ANSWER_DELAY_MS));
        sendText(res, 200, bytes, 'application/json;charset=UTF-8');
      },
    },
  });
  const bench = await createBench({ ca: server.certPem, privateHostsAllowed: [`127.0.0.1:${server.port}`] });

  try {
    const datasource = await bench.admin('datasources/save', { draft: sampleDatasourceDraft(server.url), secrets: { token: TOKEN } });
    const converter = await bench.admin('converters/save', {
      draft: { kind: 'converter', name: 'Open issues', description: '', source: OPEN_ISSUES_CONVERTER, sampleInput: '{"issues":[]}' },
    });
    const template = await bench.admin('templates/save', { draft: { kind: 'template', name: 'Open issues', description: '', source: OPEN_ISSUES_TEMPLATE } });
    const query = await bench.admin('queries/save', {
      draft: sampleQueryDraft(datasource.id, { converterId: converter.id, templateId: template.id, cacheDuration: '5m' }),
    });
    const onPage = { accountId: VIEWER, pageId: PAGES.eng.id, spaceKey: PAGES.eng.spaceKey };
    const run = async (project: string) => {
      const response = await bench.call('macro/run', { config: { queryId: query.id, parameters: { project } } }, onPage);
      if (!response.ok) throw new Error(`macro/run failed: ${JSON.stringify(response.error)}`);
      return response.data;
    };

    // Cache hit: one miss fills the entry, then every timed call must be a hit.
    const missStarted = performance.now();
    const miss = await run('SAMPLEPROJECT');
    const missMs = performance.now() - missStarted;
    if (miss.cache.hit) throw new Error('Resolver benchmark: the first run was already a cache hit.');
    const hitTimes = await timeRepeated(options.iterations * 4, async () => {
      const result = await run('SAMPLEPROJECT');
      if (!result.cache.hit) throw new Error('Resolver benchmark: a repeated run missed the cache.');
    });
    const hit = summarize(hitTimes);

    // Concurrency: a parameter value no run has used yet, so every call starts as a miss.
    server.requests.length = 0;
    const concurrentStarted = performance.now();
    const results = await Promise.all(Array.from({ length: CONCURRENT_RUNS }, () => run('CONCURRENT')));
    const concurrentMs = performance.now() - concurrentStarted;
    const upstreamCalls = server.requests.filter((request) => request.url.startsWith(SEARCH_PATH)).length;
    const identical = results.every((result) => result.html === results[0]!.html);

    return [
      {
        section: SECTION,
        what: 'cache hit of macro/run (page check, cache read, template render of 11 rows)',
        measured: hit,
        unit: 'ms',
        budget: '≤ 5 ms',
        verdict: verdictOf(hit.median <= 5),
        note: `a miss took ${missMs.toFixed(1)} ms, ${ANSWER_DELAY_MS} ms of it upstream delay`,
      },
      {
        section: SECTION,
        what: `${CONCURRENT_RUNS} concurrent macro/run calls of one query`,
        measured: single(upstreamCalls),
        unit: 'calls',
        budget: '1 upstream call',
        verdict: verdictOf(upstreamCalls === 1 && identical),
        note: `all ${CONCURRENT_RUNS} finished in ${concurrentMs.toFixed(0)} ms${identical ? ', identical results' : ', results DIFFER'}`,
      },
    ];
  } finally {
    await bench.close();
    await server.close();
  }
}
