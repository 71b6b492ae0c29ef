// Template errors name the template and the position, so an admin can jump
// to the line. Positions are 1-based lines and columns.

import type { ErrorCode } from '../../contract/errors';
import { AppError } from '../../errors/app-error';

export interface TemplateIdentity {
  id?: string;
  name: string;
}

export interface SourcePosition {
  line: number;
  column: number;
}

const HINTS: Partial<Record<ErrorCode, string>> = {
  TEMPLATE_SYNTAX: 'Fix the template at the given line and save it again.',
  TEMPLATE_ERROR: 'Check the template at the given line against the data the converter returns.',
  TEMPLATE_TIMEOUT: 'Render fewer rows (filter in the query or converter) or simplify nested #foreach loops.',
  TEMPLATE_OUTPUT_TOO_LARGE: 'Render fewer rows, or let the default table page through them.',
  TEMPLATE_INCLUDE_LIMIT: 'Include fewer templates, and never a template that includes itself.',
};

export function templateError(
  code: ErrorCode,
  template: TemplateIdentity,
  position: SourcePosition | undefined,
  problem: string,
  extra: { limit?: { name: string; value: number }; cause?: unknown } = {},
): AppError {
  const where = position ? ` at line ${position.line}, column ${position.column}` : '';
  return new AppError(code, `Template "${template.name}"${where}: ${problem}`, {
    hint: HINTS[code],
    cause: extra.cause,
    details: {
      stage: 'render',
      entity: { kind: 'template', ...(template.id ? { id: template.id } : {}), name: template.name },
      ...(position ? { line: position.line, column: position.column } : {}),
      ...(extra.limit ? { limit: extra.limit } : {}),
    },
  });
}
