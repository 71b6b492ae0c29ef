// Finds `<script>PocketQuery.chart('ColumnChart', {...})</script>` in
// template output, as PocketQuery templates write it, without running any
// script: the call is read with the literal reader and replaced by a chart
// placeholder. A script that mentions PocketQuery.chart but is anything other
// than such calls is an error, so a template cannot smuggle code past it.

import type { SourceChartType } from '../../contract/run';
import { unescapeHtml } from '../template/safe-html';
import { isSourceChartType } from './chart-types';
import { LiteralReader, LiteralSyntaxError } from './literal-reader';

export interface ChartCall {
  sourceType: SourceChartType;
  options: Record<string, unknown>;
}

export class ChartCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartCallError';
  }
}

/**
 * Replaces each chart script with the placeholders `placeholder` returns for its
 * calls. Other scripts are left for the front end's sanitizer to remove.
 */
export function replaceChartScripts(html: string, placeholder: (call: ChartCall) => string): string {
  if (!/PocketQuery\s*\.\s*chart/.test(html)) return html;

  // A scan that moves forward only. One lazy regular expression over the
  // output failed in quadratic time on unclosed <script> tags, which REST data
  // printed with $PQ.html can carry: 320 KB of them took 7.5 s.
  const open = /<script\b/gi;
  const close = /<\/script\s*>/gi;
  let result = '';
  let position = 0;
  for (;;) {
    open.lastIndex = position;
    const start = open.exec(html);
    if (!start) break;
    const bodyStart = html.indexOf('>', open.lastIndex) + 1;
    if (bodyStart === 0) break;
    close.lastIndex = bodyStart;
    const end = close.exec(html);
    if (!end) break;

    const body = html.slice(bodyStart, end.index);
    result += html.slice(position, start.index);
    result += /PocketQuery\s*\.\s*chart/.test(body) ? readChartCalls(body).map(placeholder).join('') : html.slice(start.index, close.lastIndex);
    position = close.lastIndex;
  }
  return result + html.slice(position);
}

/** Reads `PocketQuery.chart(type, options);` calls, one or more, and nothing else. */
export function readChartCalls(script: string): ChartCall[] {
  const reader = new LiteralReader(script);
  const calls: ChartCall[] = [];
  try {
    while (!reader.atEnd()) {
      if (reader.readIdentifier() !== 'PocketQuery') throw new ChartCallError(`Expected PocketQuery.chart(...) but found ${reader.describeHere()}.`);
      reader.expect('.');
      if (reader.readIdentifier() !== 'chart') throw new ChartCallError(`Expected PocketQuery.chart(...) but found ${reader.describeHere()}.`);
      reader.expect('(');
      const typeName = unescapeHtml(reader.readString());
      let options: unknown = {};
      if (reader.tryConsume(',') && reader.peek() !== ')') options = reader.readValue();
      reader.tryConsume(',');
      reader.expect(')');
      while (reader.tryConsume(';'));
      calls.push(toChartCall(typeName, options));
    }
  } catch (error) {
    if (error instanceof LiteralSyntaxError) throw new ChartCallError(`Chart options could not be read: ${error.message}`);
    throw error;
  }
  return calls;
}

export function toChartCall(typeName: unknown, options: unknown): ChartCall {
  if (!isSourceChartType(typeName)) {
    throw new ChartCallError(
      `Unknown chart type ${JSON.stringify(typeName)}; use ColumnChart, BarChart, LineChart, AreaChart, SteppedAreaChart, PieChart, ScatterChart or ComboChart.`,
    );
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ChartCallError('Chart options must be an object such as {title: "Issues"}.');
  }
  return { sourceType: typeName, options: unescapeStrings(options) as Record<string, unknown> };
}

/** Values printed by `$reference` inside the script were HTML-escaped on output; read them back as the text they were. */
function unescapeStrings(value: unknown): unknown {
  if (typeof value === 'string') return unescapeHtml(value);
  if (Array.isArray(value)) return value.map(unescapeStrings);
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (key !== '__proto__') result[key] = unescapeStrings(entry);
    }
    return result;
  }
  return value;
}
