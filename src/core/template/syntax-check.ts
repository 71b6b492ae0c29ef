// Save-time syntax check. velocityjs renders a malformed template silently
// (an unclosed #if swallows the rest, a stray #end cuts it short, an unknown
// directive prints nothing), so this scanner tracks directives itself and
// reports every problem with a 1-based line and column. velocityjs's own
// parser runs too, for errors inside expressions.

import { parse } from 'velocityjs';

export interface TemplateProblem {
  line: number;
  column: number;
  message: string;
}

const BLOCK_OPENERS = new Set(['if', 'foreach', 'macro', 'define']);
const NEEDS_ARGUMENTS = new Set(['if', 'elseif', 'foreach', 'set', 'macro', 'define']);
const STANDALONE = new Set(['else', 'end', 'break', 'stop']);
const UNSUPPORTED: Record<string, string> = {
  include: '#include is not supported: use $PQ.templateByName("name") to include another template.',
  parse: '#parse is not supported: use $PQ.templateByName("name") to include another template.',
  evaluate: '#evaluate is not supported: templates cannot run text from data as a template.',
};

interface OpenBlock {
  name: string;
  line: number;
  column: number;
  sawElse: boolean;
}

const IDENTIFIER = /[A-Za-z][A-Za-z0-9_-]*/y;

export function checkTemplateSyntax(source: string): TemplateProblem[] {
  // The parser stops at its first error, which is usually one the scanner already explained better.
  const scanned = scanDirectives(source);
  const problems = scanned.length > 0 ? scanned : parserProblems(source);
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

function scanDirectives(source: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const stack: OpenBlock[] = [];
  const macros = definedMacros(source);
  const lineStarts = computeLineStarts(source);
  const at = (offset: number) => toPosition(lineStarts, offset);
  const report = (offset: number, message: string) => problems.push({ ...at(offset), message });

  let index = 0;
  while (index < source.length) {
    const char = source[index];
    if (char === '\\' && (source[index + 1] === '#' || source[index + 1] === '$')) {
      index += 2;
      continue;
    }
    if (char !== '#') {
      index += 1;
      continue;
    }

    const start = index;
    const next = source[index + 1];
    if (next === '#') {
      index = lineEnd(source, index);
      continue;
    }
    if (next === '*') {
      const close = source.indexOf('*#', index + 2);
      if (close === -1) {
        report(start, 'This #* comment is never closed with *#.');
        break;
      }
      index = close + 2;
      continue;
    }
    if (next === '[' && source[index + 2] === '[') {
      const close = source.indexOf(']]#', index + 3);
      if (close === -1) {
        report(start, 'This #[[ raw block is never closed with ]]#.');
        break;
      }
      index = close + 3;
      continue;
    }

    const braced = next === '{';
    IDENTIFIER.lastIndex = index + (braced ? 2 : 1);
    const match = IDENTIFIER.exec(source);
    if (!match) {
      index += 1;
      continue;
    }
    const name = match[0];
    let cursor = IDENTIFIER.lastIndex;
    if (braced) {
      if (source[cursor] !== '}') {
        index += 1;
        continue;
      }
      cursor += 1;
    }
    const afterSpaces = skipSpaces(source, cursor);
    const hasArguments = source[afterSpaces] === '(';

    if (NEEDS_ARGUMENTS.has(name)) {
      if (!hasArguments) {
        report(start, `#${name} needs its arguments in parentheses, e.g. #${example(name)}.`);
        // Still open the block, so its #end does not show up as a second problem.
        if (BLOCK_OPENERS.has(name)) stack.push({ name, ...at(start), sawElse: false });
        index = cursor;
        continue;
      }
      const close = matchingParenthesis(source, afterSpaces);
      if (close === -1) {
        report(start, `The parenthesis after #${name} is never closed.`);
        break;
      }
      index = close + 1;
      if (BLOCK_OPENERS.has(name)) stack.push({ name, ...at(start), sawElse: false });
      if (name === 'elseif') {
        const top = stack[stack.length - 1];
        if (!top || top.name !== 'if') report(start, '#elseif without an open #if.');
        else if (top.sawElse) report(start, '#elseif after #else in the same #if.');
      }
      continue;
    }

    if (STANDALONE.has(name)) {
      index = cursor;
      if (name === 'else') {
        const top = stack[stack.length - 1];
        if (!top || top.name !== 'if') report(start, '#else without an open #if.');
        else if (top.sawElse) report(start, 'Second #else in the same #if.');
        else top.sawElse = true;
      }
      if (name === 'end') {
        if (stack.length === 0) report(start, '#end without an open #if, #foreach, #macro or #define.');
        else stack.pop();
      }
      continue;
    }

    if (hasArguments) {
      const unsupported = UNSUPPORTED[name];
      if (unsupported) report(start, unsupported);
      else if (!macros.has(name)) report(start, `Unknown directive #${name}: no #macro(${name}) is defined in this template.`);
      const close = matchingParenthesis(source, afterSpaces);
      if (close === -1) {
        report(start, `The parenthesis after #${name} is never closed.`);
        break;
      }
      index = close + 1;
      continue;
    }

    // `#top` in a link or `#fff` in CSS: plain text for Velocity too.
    index = cursor;
  }

  for (const block of stack) {
    problems.push({ line: block.line, column: block.column, message: `#${block.name} is never closed with #end.` });
  }
  return problems;
}

function parserProblems(source: string): TemplateProblem[] {
  try {
    parse(source);
    return [];
  } catch (error) {
    const hash = (error as { hash?: { loc?: { first_line: number; first_column: number }; token?: string } }).hash;
    const line = hash?.loc?.first_line ?? 1;
    const column = (hash?.loc?.first_column ?? 0) + 1;
    const text = (source.split('\n')[line - 1] ?? '').trim();
    const excerpt = text.length > 60 ? text.slice(0, 60) + '…' : text;
    return [{ line, column, message: `Invalid Velocity syntax in "${excerpt}".` }];
  }
}

function definedMacros(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/#\{?macro\}?\s*\(\s*([A-Za-z][A-Za-z0-9_-]*)/g)) {
    if (match[1]) names.add(match[1]);
  }
  return names;
}

function example(name: string): string {
  if (name === 'foreach') return 'foreach($row in $result)';
  if (name === 'set') return 'set($total = 0)';
  if (name === 'macro') return 'macro(cell $value)';
  if (name === 'define') return 'define($header)';
  return `${name}($condition)`;
}

/** Index of the `)` closing the `(` at `open`, skipping quoted strings; -1 when unbalanced. */
function matchingParenthesis(source: string, open: number): number {
  let depth = 0;
  for (let index = open; index < source.length; index += 1) {
    const char = source[index];
    if (char === '"' || char === "'") {
      const close = source.indexOf(char, index + 1);
      if (close === -1) return -1;
      index = close;
      continue;
    }
    if (char === '(') depth += 1;
    if (char === ')') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

function skipSpaces(source: string, index: number): number {
  let cursor = index;
  while (source[cursor] === ' ' || source[cursor] === '\t') cursor += 1;
  return cursor;
}

function lineEnd(source: string, index: number): number {
  const newline = source.indexOf('\n', index);
  return newline === -1 ? source.length : newline;
}

function computeLineStarts(source: string): number[] {
  const starts = [0];
  for (let index = 0; index < source.length; index += 1) {
    if (source[index] === '\n') starts.push(index + 1);
  }
  return starts;
}

function toPosition(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}
