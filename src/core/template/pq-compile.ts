// velocityjs's compiler with the Java Velocity behaviour PocketQuery templates
// rely on, HTML escaping on output, and the run's limits. The overridden
// methods mirror velocityjs 2.1.x internals (dist/cjs/compile/*.cjs); when
// upgrading velocityjs, rerun test/template to catch drift.

import { Compile, Helper } from 'velocityjs';
import { isAppError } from '../../errors/app-error';
import type { RenderBudget } from './budget';
import { javaMethodHandlers, type CustomMethodHandler } from './java-methods';
import { toJavaString } from './java-string';
import { allowedNativeMethod } from './native-methods';
import { escapeHtml, isSafeHtml, safeHtml } from './safe-html';
import { templateError, type SourcePosition, type TemplateIdentity } from './template-error';

/** A node of velocityjs's AST, typed loosely because its published types omit most fields. */
export interface VelocityNode {
  type?: string;
  id?: unknown;
  pos?: { first_line: number; first_column: number };
  prue?: boolean;
  leader?: string;
  args?: VelocityNode[] | false;
  path?: VelocityNode[];
  value?: unknown;
  isRange?: boolean;
  from?: VelocityNode;
  to?: string;
}

type AstItem = VelocityNode | string | AstItem[];

interface VelocityInternals {
  context: Record<string, unknown>;
  macrosStore: Record<string, unknown>;
  defines: Record<string, unknown>;
  local: Record<string, Record<string, unknown>>;
  conditions: string[];
  contextId: string;
  runState: { stop: boolean; break: boolean };
  config: { customMethodHandlers?: CustomMethodHandler[] };
  render(context: object, macros?: object, silence?: boolean): string;
  renderAstList(asts?: AstItem[], contextId?: string): string;
  getReferences(ast: VelocityNode, isVal?: boolean): unknown;
  getLiteral(ast: VelocityNode): unknown;
  getExpression(ast: VelocityNode): unknown;
  getBlock(block: AstItem[]): string;
  getMacro(ast: VelocityNode, bodyContent?: string): string;
  evalStr(text: string): string;
  getArray(literal: VelocityNode): unknown[];
}

const VelocityBase = Compile as unknown as new (asts: AstItem[], config: object) => VelocityInternals;

const getRefText = Helper.getRefText as (ast: VelocityNode) => string;

let guid = 0;

export class PqCompile extends VelocityBase {
  private readonly identity: TemplateIdentity;
  private readonly budget: RenderBudget;
  private position: SourcePosition | undefined;
  /** Depth of double-quoted string evaluation: references inside a string are escaped when the string is output, not before. */
  private stringDepth = 0;

  constructor(asts: AstItem[], identity: TemplateIdentity, budget: RenderBudget) {
    super(asts, { escape: false, customMethodHandlers: javaMethodHandlers });
    this.identity = identity;
    this.budget = budget;
  }

  /** Renders with `context` as the variables. Every failure becomes an AppError naming this template and the line. */
  renderTemplate(context: Record<string, unknown>): string {
    try {
      const html = this.render(context, {});
      this.checkLength(html.length);
      return html;
    } catch (error) {
      if (isAppError(error)) throw error;
      const reason = error instanceof Error ? firstLine(error.message) : 'the template engine failed';
      throw templateError('TEMPLATE_ERROR', this.identity, this.position, reason, { cause: error });
    }
  }

  override renderAstList(asts?: AstItem[], contextId?: string): string {
    const list = asts ?? (this as unknown as { asts: AstItem[] }).asts;
    if (contextId) {
      if (contextId !== this.contextId && !this.conditions.includes(contextId)) this.conditions.unshift(contextId);
      this.contextId = contextId;
    } else {
      this.contextId = '';
    }

    let output = '';
    for (const ast of list) {
      if (this.runState.stop) break;
      this.track(ast);
      if (this.budget.isOverTime()) this.failTimeout();
      output += this.renderNode(ast);
      this.checkLength(output.length);
    }
    return output;
  }

  private renderNode(ast: AstItem): string {
    if (typeof ast === 'string') return ast;
    if (Array.isArray(ast)) return this.getBlock(ast);
    switch (ast.type) {
      case 'references':
        return this.outputReference(ast);
      case 'set':
        (this as unknown as { setValue(node: VelocityNode): void }).setValue(ast);
        return '';
      case 'break':
        this.runState.break = true;
        return '';
      case 'macro_call':
        return this.getMacro(ast);
      case 'comment':
        return '';
      case 'raw':
        return String(ast.value);
      default:
        return this.getBlock(ast as unknown as AstItem[]);
    }
  }

  /** Text for a reference in output position: escaped, `null` treated as Java Velocity treats it. */
  private outputReference(ast: VelocityNode): string {
    const id = String(ast.id);
    if (ast.prue && Array.isArray(this.defines[id])) {
      // A #define block is template output, escaped when it was rendered.
      return String(this.getReferences(ast, true));
    }

    let value = this.getReferences(ast, true);
    if (value === null) {
      value = ast.leader === '$!' ? '' : getRefText(ast);
    }
    if (isSafeHtml(value)) return value.html;
    const text = toJavaString(value);
    return this.stringDepth > 0 ? text : escapeHtml(text);
  }

  override evalStr(text: string): string {
    this.stringDepth += 1;
    try {
      return super.evalStr(text);
    } finally {
      this.stringDepth -= 1;
    }
  }

  override getExpression(ast: VelocityNode): unknown {
    const value = super.getExpression(ast);
    if (typeof value === 'string') this.checkLength(value.length);
    return value;
  }

  /** Method calls without velocityjs's habit of adding an `eval` property to the target object. */
  getPropMethod(property: VelocityNode, baseRef: unknown): unknown {
    const name = String(property.id);
    const params = (property.args || []).map((argument) => this.getLiteral(argument));
    const call = { property: name, params, context: baseRef };
    const handler = this.config.customMethodHandlers?.find((candidate) => candidate.match(call));
    if (handler) return handler.resolve(call);

    const method = allowedNativeMethod(baseRef, name, params, this.budget.limits.maxOutputChars);
    if (!method) return undefined;
    const result: unknown = method.apply(baseRef, params);
    if (typeof result === 'string') this.checkLength(result.length);
    return result;
  }

  override getMacro(ast: VelocityNode, bodyContent?: string): string {
    if (!Object.hasOwn(this.macrosStore, String(ast.id))) {
      // Only macros defined in the template run; velocityjs would otherwise call JavaScript helpers such as #eval.
      throw templateError('TEMPLATE_ERROR', this.identity, this.position, `Unknown directive or macro #${String(ast.id)}.`);
    }
    return super.getMacro(ast, bodyContent);
  }

  override getArray(literal: VelocityNode): unknown[] {
    if (literal.isRange === true && Array.isArray(literal.value)) {
      const [begin, end] = (literal.value as unknown[]).map((bound) => {
        if (typeof bound === 'string') return parseInt(bound, 10);
        if (typeof bound === 'number') return bound;
        return Number(this.getReferences(bound as VelocityNode));
      });
      const size = Math.abs((end ?? 0) - (begin ?? 0)) + 1;
      if (Number.isFinite(size) && size > this.budget.limits.maxRangeItems) {
        throw templateError(
          'TEMPLATE_ERROR',
          this.identity,
          this.position,
          `The range [${begin}..${end}] has ${size} items; at most ${this.budget.limits.maxRangeItems} are allowed.`,
          { limit: { name: 'maxRangeItems', value: this.budget.limits.maxRangeItems } },
        );
      }
    }
    return super.getArray(literal);
  }

  /** #foreach with Java Velocity's `$foreach.first` and `$foreach.last`, checked against the run's limits on every pass. */
  getBlockEach(block: AstItem[]): string {
    const ast = block[0] as VelocityNode;
    const source = this.getLiteral({ ...(ast.from as VelocityNode), pos: ast.pos });
    const body = block.slice(1);
    const variable = String(ast.to);
    if (typeof source !== 'object' || source === null) return '';

    const items: unknown[] = Array.isArray(source) ? source : Object.values(source);
    const local: Record<string, unknown> = {};
    const contextId = `foreach:pq${guid++}`;
    let output = '';

    for (let index = 0; index < items.length; index += 1) {
      if (this.runState.break) break;
      if (this.budget.isOverTime()) this.failTimeout();
      local[variable] = items[index];
      local.foreach = {
        count: index + 1,
        index,
        hasNext: index + 1 < items.length,
        first: index === 0,
        last: index + 1 === items.length,
      };
      local.velocityCount = index + 1;
      this.local[contextId] = local;
      output += this.renderAstList(body, contextId);
      this.checkLength(output.length);
    }

    if (items.length > 0) {
      this.runState.break = false;
      this.local[contextId] = {};
      this.conditions.shift();
      this.contextId = this.conditions[0] ?? '';
    }
    return output;
  }

  private track(ast: AstItem): void {
    const node = Array.isArray(ast) ? ast[0] : ast;
    if (typeof node === 'object' && node !== null && !Array.isArray(node) && node.pos) {
      this.position = { line: node.pos.first_line, column: node.pos.first_column + 1 };
    }
  }

  private checkLength(length: number): void {
    if (!this.budget.isTooLong(length)) return;
    const limit = this.budget.limits.maxOutputChars;
    throw templateError('TEMPLATE_OUTPUT_TOO_LARGE', this.identity, this.position, `The output passed ${limit} characters.`, {
      limit: { name: 'maxOutputChars', value: limit },
    });
  }

  private failTimeout(): never {
    const limit = this.budget.limits.timeoutMs;
    throw templateError('TEMPLATE_TIMEOUT', this.identity, this.position, `Rendering took longer than ${limit} ms.`, {
      limit: { name: 'timeoutMs', value: limit },
    });
  }
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? '';
  return line.length > 200 ? line.slice(0, 200) + '…' : line;
}

export { safeHtml };
