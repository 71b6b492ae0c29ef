// Parsed templates by source text. Parsing and the syntax check cost more
// than rendering a small result, and the same few templates run over and
// over, so a small LRU keeps their ASTs. velocityjs does not modify an AST
// while rendering it with our settings (no `unescape` map, no custom blocks).

import { parse } from 'velocityjs';
import type { VelocityNode } from './pq-compile';
import { checkTemplateSyntax, type TemplateProblem } from './syntax-check';

export interface ParsedTemplate {
  asts: (VelocityNode | string)[];
  problems: TemplateProblem[];
}

const MAX_ENTRIES = 64;
const cache = new Map<string, ParsedTemplate>();

export function parseTemplate(source: string): ParsedTemplate {
  const cached = cache.get(source);
  if (cached) {
    cache.delete(source);
    cache.set(source, cached);
    return cached;
  }

  const problems = checkTemplateSyntax(source);
  const asts = problems.length === 0 ? (parse(source) as unknown as (VelocityNode | string)[]) : [];
  const parsed = { asts, problems };
  cache.set(source, parsed);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return parsed;
}
