// Benchmark inputs, all derived from the real Jira search in test/fixtures:
// rows are the example converter's output for the real issues, repeated with
// new keys and summaries, so sizes grow without inventing new shapes.

import { readFileSync } from 'node:fs';

export const SEARCH_FIXTURE = new URL('../../test/fixtures/jira_v2_search_server_11issues_jira-ruby.json', import.meta.url);
export const OPEN_ISSUES_CONVERTER = readFileSync(new URL('../../examples/converters/jira-open-issues.js', import.meta.url), 'utf8');
export const OPEN_ISSUES_TEMPLATE = readFileSync(new URL('../../examples/templates/open-issues.vm', import.meta.url), 'utf8');

export type ConvertFunction = (json: string, metadata?: unknown) => unknown;

/** Compiles converter source into a plain function of this process: the unsandboxed baseline. */
export function unsandboxed(source: string): ConvertFunction {
  return new Function(`${source}\nreturn convert;`)() as ConvertFunction;
}

export function readSearchFixture(): Buffer {
  return readFileSync(SEARCH_FIXTURE);
}

/** `count` rows of the open-issues example converter, cycling over the 11 real issues. */
export function issueRows(count: number): Record<string, unknown>[] {
  const real = unsandboxed(OPEN_ISSUES_CONVERTER)(readSearchFixture().toString('utf8')) as Record<string, unknown>[];
  return Array.from({ length: count }, (_, index) => {
    const source = real[index % real.length]!;
    return { ...source, key: `SAMPLEPROJECT-${index + 1}`, summary: `${String(source.summary)} #${index + 1}` };
  });
}
