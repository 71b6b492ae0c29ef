// Save-time syntax checks for converter and template source. Both would
// otherwise be stored broken and fail only when a page runs them: velocityjs
// renders a malformed template silently, and a converter's syntax error
// surfaces on every view of every page that uses it.

import type { EntityDraft } from '../../contract/entities';
import type { ConverterRuntime } from '../../core/convert';
import { checkTemplateSyntax } from '../../core/template';
import { AppError } from '../../errors/app-error';

interface SourceProblem {
  line?: number;
  column?: number;
  message: string;
}

export async function assertConverterSyntax(draft: EntityDraft<'converter'>, runtime: ConverterRuntime): Promise<void> {
  const result = await runtime.checkSyntax(draft.source);
  if (!result.ok) throw sourceInvalid('converter', draft.name, [result]);
}

export function assertTemplateSyntax(draft: EntityDraft<'template'>): void {
  const problems = checkTemplateSyntax(draft.source);
  if (problems.length > 0) throw sourceInvalid('template', draft.name, problems);
}

function sourceInvalid(kind: 'converter' | 'template', name: string, problems: SourceProblem[]): AppError {
  const listed = problems.map((problem) => ({ field: 'source', message: `${at(problem)}${problem.message}` }));
  const [first] = problems as [SourceProblem, ...SourceProblem[]];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';

  return new AppError('VALIDATION_FAILED', `The ${kind} "${name}" was not saved: ${at(first)}${first.message}${more}`, {
    hint: 'Fix the source at the given line and save again. Nothing was changed.',
    details: { field: 'source', line: first.line, column: first.column, problems: listed, entity: { kind, name } },
  });
}

function at(problem: SourceProblem): string {
  if (problem.line === undefined) return '';
  return problem.column === undefined ? `line ${problem.line}: ` : `line ${problem.line}, column ${problem.column}: `;
}
