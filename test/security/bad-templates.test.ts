// Broken and hostile templates: malformed directives are refused on save
// with line and column, runaway loops, recursion and huge output end in
// their own codes, and nothing in a template reaches the host's JavaScript.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ErrorCode } from '../../src/contract/errors';
import { createBench, type Bench } from './support/bench';
import { templateDraft } from './support/drafts';
import { expectError } from './support/expect-error';

const MALFORMED: [name: string, source: string, fragment: string][] = [
  ['unclosed #if', '<p>\n#if($result)\nyes', 'line 2'],
  ['unclosed #foreach', '#foreach($row in $result)\n$row.key', 'line 1'],
  ['stray #end', '<p>x</p>\n#end', 'line 2'],
  ['#else without #if', '#else\nx', 'line 1'],
  ['#elseif after #else', '#if($a)x#{else}y#elseif($b)z#end', 'line 1'],
  ['#foreach without in', '#foreach($row $result)x#end', 'line 1'],
  ['#if without condition', '#if()x#end', 'line 1'],
  ['#set without value', '#set($a = )', 'line 1'],
  ['#include', '#include("/etc/passwd")', '#include'],
  ['#parse', '#parse("other.vm")', '#parse'],
  ['#evaluate', '#evaluate($result.text)', '#evaluate'],
  ['unclosed reference', 'Total: ${result.total', 'line 1'],
];

type RunawayCase = [name: string, source: string, code: ErrorCode, fragment: string];

const RUNAWAY: RunawayCase[] = [
  ['huge range', '#foreach($i in [1..100000000])x#end', 'TEMPLATE_ERROR', '100000000'],
  ['nested loops', '#foreach($i in [1..100000])#foreach($j in [1..100000])#foreach($k in [1..100000])#end#end#end', 'TEMPLATE_TIMEOUT', 'ms'],
  ['doubling string', '#set($s = "xxxxxxxxxx")#foreach($i in [1..40])#set($s = "$s$s")#end$s', 'TEMPLATE_OUTPUT_TOO_LARGE', '5000000'],
  ['huge output', '#foreach($i in [1..100000])#foreach($j in [1..100])<td>$i</td>#end#end', 'TEMPLATE_OUTPUT_TOO_LARGE', '5000000'],
  ['long range', '#foreach($i in [1..2000000])<td>$i</td>#end', 'TEMPLATE_ERROR', '2000000'],
  ['recursive macro', '#macro(again $n)#again($n)#end#again(1)', 'TEMPLATE_ERROR', 'line 1'],
  ['unknown include id', '$PQ.template("no-such-template")', 'TEMPLATE_ERROR', 'no-such-template'],
  ['unknown include name', '$PQ.templateByName("No such template")', 'TEMPLATE_ERROR', 'No such template'],
];

/** Ways to reach the host's JavaScript from Velocity. The output must show no trace of the host. */
const ESCAPES: [name: string, source: string][] = [
  ['constructor chain on data', '$result.constructor.constructor("return process")().pid'],
  ['constructor chain on a list', '$PQ.toList($result).constructor.constructor("return process")().pid'],
  ['constructor chain on a string', '$queryName.constructor.constructor("return process")().pid'],
  ['constructor chain on parameters', '$queryParameters.constructor.constructor("return process")().pid'],
  ['constructor chain on the helper', '$PQ.constructor.constructor("return process")().pid'],
  ['__proto__ walk', '$result.__proto__.constructor.constructor("return process")().pid'],
  ['getClass forName', '$result.getClass().forName("java.lang.Runtime").getRuntime().exec("id")'],
  ['set then call', '#set($f = $queryName.constructor.constructor)$f("return process")().pid'],
  ['Function via string', '#set($c = "constructor")$queryName[$c][$c]("return process")().pid'],
];

describe('bad templates', () => {
  let bench: Bench;

  beforeAll(async () => {
    bench = await createBench();
  });
  afterAll(() => bench.close());

  const preview = (source: string) => bench.call('templates/preview', { source, data: [{ key: 'A-1', total: 3 }] });

  it.each(MALFORMED)('refuses to save %s', async (_name, source, fragment) => {
    const before = (await bench.store.list('template')).items.length;

    const error = expectError(await bench.call('templates/save', { draft: templateDraft(source) }), 'VALIDATION_FAILED', fragment);

    expect(error.details?.line).toBeGreaterThan(0);
    expect((await bench.store.list('template')).items).toHaveLength(before);
  });

  it.each(MALFORMED)('refuses to preview %s', async (_name, source) => {
    const response = await preview(source);
    expect(response.ok ? 'rendered' : response.error.code).toBe('TEMPLATE_SYNTAX');
  });

  it.each(RUNAWAY)('stops %s', async (_name, source, code, fragment) => {
    const started = Date.now();
    expectError(await preview(source), code, fragment);
    expect(Date.now() - started).toBeLessThan(7000);
  });

  it('refuses a template including itself', async () => {
    const saved = await bench.admin('templates/save', { draft: templateDraft('start') });
    await bench.admin('templates/save', { draft: { ...templateDraft(`x $PQ.template("${saved.id}")`), id: saved.id, name: 'Self include' }, baseVersion: saved.version });

    expectError(await preview(`$PQ.template("${saved.id}")`), 'TEMPLATE_INCLUDE_LIMIT', 'Self include');
  });

  it('refuses templates including each other', async () => {
    const first = await bench.admin('templates/save', { draft: templateDraft('first') });
    const second = await bench.admin('templates/save', { draft: templateDraft(`$PQ.template("${first.id}")`) });
    await bench.admin('templates/save', { draft: { ...templateDraft(`$PQ.template("${second.id}")`), id: first.id, name: 'Ping' }, baseVersion: first.version });

    expectError(await preview(`$PQ.template("${first.id}")`), 'TEMPLATE_INCLUDE_LIMIT', 'Ping');
  });

  it('refuses more than 15 includes', async () => {
    const leaf = await bench.admin('templates/save', { draft: templateDraft('leaf') });
    const source = Array.from({ length: 16 }, () => `$PQ.template("${leaf.id}")`).join('\n');

    expectError(await preview(source), 'TEMPLATE_INCLUDE_LIMIT', '15');
  });

  it.each(ESCAPES)('contains %s', async (_name, source) => {
    const response = await preview(source);
    const text = JSON.stringify(response);

    expect(text).not.toMatch(new RegExp(`\\b${process.pid}\\b`));
    expect(text).not.toMatch(/uid=\d+/);
    if (!response.ok) expect(['TEMPLATE_ERROR', 'TEMPLATE_SYNTAX']).toContain(response.error.code);
  });

  it('reads trusted HTML of unclosed scripts quickly', async () => {
    // Trusted HTML from REST data (a Jira description, say) that mentions a chart call.
    const data = [{ html: `PocketQuery.chart${'<script>'.repeat(300_000)}` }];
    const started = Date.now();

    const response = await bench.call('templates/preview', { source: '#foreach($row in $result)$PQ.html($row.html)#end', data });

    expect(response.ok, JSON.stringify(response).slice(0, 300)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('renders a good template after', async () => {
    const response = await preview('#foreach($row in $result)<b>$row.key</b>#end');
    expect(response.ok && response.data.html).toContain('<b>A-1</b>');
  });
});
