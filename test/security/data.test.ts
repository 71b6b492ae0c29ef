// Data races through the real handler, on the memory store and on @forge/kvs
// over the platform emulation. Concurrent edits of one entity and concurrent
// creates under one name each leave exactly one winner, and the losers get a
// clear error.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createBench, type Bench } from './support/bench';
import { converterDraft, templateDraft } from './support/drafts';
import { expectError } from './support/expect-error';

describe.each(['memory', 'kvs'] as const)('concurrent saves on %s storage', (storage) => {
  let bench: Bench;

  beforeAll(async () => {
    bench = await createBench({ storage });
  });
  afterAll(() => bench.close());

  it('lets one edit of an entity win', async () => {
    const saved = await bench.admin('templates/save', { draft: templateDraft('<p>v1</p>', { name: 'Raced template' }) });

    const outcomes = await Promise.all(
      ['a', 'b', 'c', 'd'].map((mark) => bench.call('templates/save', { draft: { ...templateDraft(`<p>${mark}</p>`, { name: 'Raced template' }), id: saved.id }, baseVersion: saved.version })),
    );

    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const loser of outcomes.filter((outcome) => !outcome.ok)) expectError(loser, 'CONFLICT', 'Raced template');
    const stored = await bench.admin('templates/get', { id: saved.id });
    expect(stored.version).toBe(saved.version + 1);
  });

  it('lets one create under a name win', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, (_, index) => bench.call('converters/save', { draft: converterDraft(`function convert() { return ${index}; }`, { name: 'Same name' }) })),
    );

    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const loser of outcomes.filter((outcome) => !outcome.ok)) {
      expect(loser.ok === false && ['CONFLICT', 'VALIDATION_FAILED']).toContain(loser.ok === false && loser.error.code);
      expectError(loser, loser.ok ? 'CONFLICT' : loser.error.code, 'Same name');
    }
    const named = (await bench.admin('converters/list', {})).items.filter((item) => item.name === 'Same name');
    expect(named).toHaveLength(1);
  });

  it('lets one rename to a taken name win', async () => {
    const first = await bench.admin('templates/save', { draft: templateDraft('1', { name: 'Rename one' }) });
    const second = await bench.admin('templates/save', { draft: templateDraft('2', { name: 'Rename two' }) });

    const outcomes = await Promise.all([
      bench.call('templates/save', { draft: { ...templateDraft('1', { name: 'Rename target' }), id: first.id }, baseVersion: first.version }),
      bench.call('templates/save', { draft: { ...templateDraft('2', { name: 'Rename target' }), id: second.id }, baseVersion: second.version }),
    ]);

    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    const named = (await bench.admin('templates/list', {})).items.filter((item) => item.name === 'Rename target');
    expect(named).toHaveLength(1);
  });
});
