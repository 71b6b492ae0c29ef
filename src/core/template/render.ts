// Renders a converter result to HTML with a template, or with the default
// table when the query has none.

import type { ChartSpec, RunWarning, TableData } from '../../contract/run';
import { isEmptyResult } from '../table';
import { RenderBudget, type RenderLimits } from './budget';
import type { FormatSettings } from './format';
import { readEmptyMessage } from './header';
import { RenderSession, type TemplateLookup, type TemplateSource } from './render-session';
import { escapeHtml } from './safe-html';

export const DEFAULT_EMPTY_MESSAGE = 'No results';

export interface RenderRequest {
  /** Absent: the default template (a table). */
  template?: TemplateSource;
  result: unknown;
  queryName: string;
  /** Parameter values by name, context wildcards (`@space.key`) included. */
  queryParameters: Record<string, unknown>;
  /** Fetch plus convert time in milliseconds, as `$queryExecutionTime`. */
  queryExecutionTime?: number;
  settings: FormatSettings;
  templates?: TemplateLookup;
  limits?: Partial<RenderLimits>;
  now?: () => number;
}

export interface RenderOutput {
  html: string;
  tables: TableData[];
  charts: ChartSpec[];
  warnings: RunWarning[];
  isEmpty: boolean;
  emptyMessage: string;
}

/** Renders the result. Throws AppError TEMPLATE_* naming the template and line. */
export function renderTemplate(request: RenderRequest): RenderOutput {
  const emptyMessage = readEmptyMessage(request.template?.source) ?? DEFAULT_EMPTY_MESSAGE;
  if (isEmptyResult(request.result)) {
    return {
      html: `<p class="pq-empty">${escapeHtml(emptyMessage)}</p>`,
      tables: [],
      charts: [],
      warnings: [],
      isEmpty: true,
      emptyMessage,
    };
  }

  const session = new RenderSession({
    result: request.result,
    queryName: request.queryName,
    queryParameters: request.queryParameters,
    queryExecutionTime: request.queryExecutionTime ?? 0,
    settings: request.settings,
    templates: request.templates,
    budget: new RenderBudget(request.limits, request.now),
  });
  const html = request.template ? session.renderMain(request.template) : session.renderDefault().html;
  return { html, tables: session.tables, charts: session.charts, warnings: session.warnings, isEmpty: false, emptyMessage };
}
