// One run's rendering: the main template, every template it includes, and the
// tables and charts they produce. Ids (`table-1`, `chart-1`) count per run.

import type { ChartSpec, RunWarning, TableData } from '../../contract/run';
import { buildChartSpec, chartPlaceholder, ChartCallError, replaceChartScripts, toChartCall, type ChartCall } from '../chart';
import { buildTableData, renderDefaultTemplate, tablePlaceholder, tabulate, type Tabulated } from '../table';
import type { RenderBudget } from './budget';
import { templateError, type TemplateIdentity } from './template-error';
import type { FormatSettings } from './format';
import { parseTemplate } from './parsed-cache';
import { PqCompile } from './pq-compile';
import { createPqHelper } from './pq-helper';
import { safeHtml, type SafeHtml } from './safe-html';

export interface TemplateSource {
  id?: string;
  name: string;
  source: string;
}

/** Finds templates for `$PQ.template(id)` and `$PQ.templateByName(name)`. Synchronous, because velocityjs renders synchronously: load them first. */
export interface TemplateLookup {
  byId(id: string): TemplateSource | undefined;
  byName(name: string): TemplateSource | undefined;
}

export interface SessionInput {
  result: unknown;
  queryName: string;
  queryParameters: Record<string, unknown>;
  queryExecutionTime: number;
  settings: FormatSettings;
  templates?: TemplateLookup;
  budget: RenderBudget;
}

export const DEFAULT_TEMPLATE_ID = 'default';

export class RenderSession {
  readonly tables: TableData[] = [];
  readonly charts: ChartSpec[] = [];
  readonly warnings: RunWarning[] = [];
  readonly input: SessionInput;
  private readonly stack: string[] = [];
  private tabulated: Tabulated | undefined | null = null;

  constructor(input: SessionInput) {
    this.input = input;
  }

  /** Renders a template and turns its chart scripts into placeholders. */
  renderMain(template: TemplateSource): string {
    const html = this.renderSource(template);
    try {
      return replaceChartScripts(html, (call) => this.addChart(call));
    } catch (error) {
      if (error instanceof ChartCallError) throw templateError('TEMPLATE_ERROR', identityOf(template), undefined, error.message);
      throw error;
    }
  }

  renderDefault(value: unknown = this.input.result): SafeHtml {
    const rendering = renderDefaultTemplate(value, this.nextTableId());
    if (rendering.table) this.tables.push(rendering.table);
    return safeHtml(rendering.html);
  }

  /** `$PQ.table($list)`: a default table of any value. */
  renderTable(value: unknown): SafeHtml {
    const table = buildTableData(value, this.nextTableId());
    if (!table) return safeHtml('');
    this.tables.push(table);
    return safeHtml(tablePlaceholder(table.id));
  }

  include(kind: 'id' | 'name', key: unknown, caller: TemplateIdentity): SafeHtml {
    const { budget, templates } = this.input;
    budget.includes += 1;
    if (budget.includes > budget.limits.maxIncludes) {
      throw templateError('TEMPLATE_INCLUDE_LIMIT', caller, undefined, `More than ${budget.limits.maxIncludes} template includes in one run.`, {
        limit: { name: 'maxIncludes', value: budget.limits.maxIncludes },
      });
    }
    const text = typeof key === 'string' ? key : String(key);
    if (kind === 'id' && text === DEFAULT_TEMPLATE_ID) return this.renderDefault();

    const template = kind === 'id' ? templates?.byId(text) : templates?.byName(text);
    if (!template) {
      throw templateError('TEMPLATE_ERROR', caller, undefined, `No template with ${kind} "${text}" exists to include.`);
    }
    const identity = identityOf(template);
    const stackKey = template.id ?? `name:${template.name}`;
    if (this.stack.includes(stackKey)) {
      throw templateError('TEMPLATE_INCLUDE_LIMIT', caller, undefined, `Template "${template.name}" includes itself (through ${this.stack.length} level(s)); recursion is not allowed.`);
    }
    return safeHtml(this.renderSource(template, identity));
  }

  chart(typeName: unknown, options: unknown, caller: TemplateIdentity): SafeHtml {
    try {
      return safeHtml(this.addChart(toChartCall(typeName, options ?? {})));
    } catch (error) {
      if (error instanceof ChartCallError) throw templateError('TEMPLATE_ERROR', caller, undefined, error.message);
      throw error;
    }
  }

  private renderSource(template: TemplateSource, identity = identityOf(template)): string {
    const parsed = parseTemplate(template.source);
    const first = parsed.problems[0];
    if (first) {
      const more = parsed.problems.length > 1 ? ` (${parsed.problems.length - 1} more problem(s))` : '';
      throw templateError('TEMPLATE_SYNTAX', identity, { line: first.line, column: first.column }, first.message + more);
    }

    const stackKey = template.id ?? `name:${template.name}`;
    this.stack.push(stackKey);
    try {
      const compile = new PqCompile(parsed.asts, identity, this.input.budget);
      return compile.renderTemplate(this.contextFor(identity));
    } finally {
      this.stack.pop();
    }
  }

  /** A fresh context per template, so `#set` in an included template does not leak into the caller. */
  private contextFor(identity: TemplateIdentity): Record<string, unknown> {
    const { result, queryName, queryParameters, queryExecutionTime } = this.input;
    return {
      result,
      queryName,
      queryParameters: { ...queryParameters },
      queryExecutionTime,
      PQ: createPqHelper(this, identity),
    };
  }

  private addChart(call: ChartCall): string {
    const id = `chart-${this.charts.length + 1}`;
    if (this.tabulated === null) this.tabulated = tabulate(this.input.result);
    const built = buildChartSpec(id, call.sourceType, call.options, this.tabulated);
    this.charts.push(built.spec);
    this.warnings.push(...built.warnings);
    return chartPlaceholder(id);
  }

  private nextTableId(): string {
    return `table-${this.tables.length + 1}`;
  }
}

function identityOf(template: TemplateSource): TemplateIdentity {
  return template.id ? { id: template.id, name: template.name } : { name: template.name };
}
