// Turns what an engine observed into a ConverterError with a message that names
// the converter, the position in its source and what to do. Both engines call
// these builders, so the same failure reads the same whatever the engine.

import { ConverterError } from '../../errors/converter-error';
import { CONVERTER_FILENAME } from './sandbox/prelude-source';
import type { ConverterLimits } from './types';

/** Status report of the sandbox harness after a run, sent as JSON. */
export type HarnessStatus =
  | { kind: 'ok' }
  | { kind: 'pending' }
  | { kind: 'threw' | 'memory'; name: string; message: string; line?: number; column?: number }
  | { kind: 'invalid'; reason: 'undefined' | 'function' | 'symbol' | 'bigint' | 'cyclic' | 'pending' }
  | { kind: 'too-large'; size: number }
  | { kind: 'no-convert'; found?: string };

export interface RunContext {
  converterName?: string;
  limits: ConverterLimits;
}

export interface SourcePosition {
  line?: number;
  column?: number;
}

const POSITION_PATTERN = new RegExp(`${CONVERTER_FILENAME.replace('.', '\\.')}:(\\d+):(\\d+)`);

/** Finds the first `converter.js:line:column` in a stack trace or engine message. */
export function findSourcePosition(text: string | undefined): SourcePosition {
  const match = text === undefined ? null : POSITION_PATTERN.exec(text);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : {};
}

function subject(context: RunContext): string {
  return context.converterName ? `Converter "${context.converterName}"` : 'The converter';
}

function at(position: SourcePosition): string {
  if (position.line === undefined) return '';
  return position.column === undefined ? ` at line ${position.line}` : ` at line ${position.line}, column ${position.column}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function syntaxError(context: RunContext, message: string, position: SourcePosition): ConverterError {
  return new ConverterError('CONVERTER_SYNTAX', `${subject(context)} has a syntax error${at(position)}: ${message}.`, {
    converterName: context.converterName,
    ...position,
    hint: 'Fix the JavaScript at that position. The converter must define function convert(json, metadata).',
  });
}

export function timeoutError(context: RunContext, position: SourcePosition = {}): ConverterError {
  const { timeoutMs } = context.limits;
  const where = position.line === undefined ? '' : ` It was stopped${at(position)}.`;
  return new ConverterError('CONVERTER_TIMEOUT', `${subject(context)} did not finish within ${timeoutMs} ms.${where}`, {
    converterName: context.converterName,
    ...position,
    limit: { name: 'timeoutMs', value: timeoutMs },
    hint: 'Look for a loop that never ends, also in promise callbacks, or make the query fetch less data.',
  });
}

export function memoryError(context: RunContext, position: SourcePosition = {}): ConverterError {
  const { memoryMb } = context.limits;
  return new ConverterError('CONVERTER_MEMORY', `${subject(context)} needed more than ${memoryMb} MB of memory${at(position)}.`, {
    converterName: context.converterName,
    ...position,
    limit: { name: 'memoryMb', value: memoryMb },
    hint: 'Build smaller intermediate values, or make the query fetch less data (fewer fields or results per page).',
  });
}

export function outputTooLargeError(context: RunContext, sizeBytes: number): ConverterError {
  const { maxOutputBytes } = context.limits;
  return new ConverterError(
    'CONVERTER_OUTPUT_TOO_LARGE',
    `${subject(context)} returned at least ${megabytes(sizeBytes)} of JSON, more than the limit of ${megabytes(maxOutputBytes)}.`,
    {
      converterName: context.converterName,
      limit: { name: 'maxOutputBytes', value: maxOutputBytes },
      hint: 'Return only the rows and fields the template shows.',
    },
  );
}

const INVALID_OUTPUT_MESSAGES: Record<Extract<HarnessStatus, { kind: 'invalid' }>['reason'], string> = {
  undefined: 'returned undefined instead of a JSON value',
  function: 'returned a function instead of a JSON value',
  symbol: 'returned a symbol instead of a JSON value',
  bigint: 'returned a BigInt, which JSON cannot represent',
  cyclic: 'returned a value that contains a cycle (an object that refers to itself), which JSON cannot represent',
  pending: 'returned a promise that never settled',
};

export function invalidOutputError(context: RunContext, reason: keyof typeof INVALID_OUTPUT_MESSAGES): ConverterError {
  return new ConverterError('CONVERTER_INVALID_OUTPUT', `${subject(context)} ${INVALID_OUTPUT_MESSAGES[reason]}.`, {
    converterName: context.converterName,
    hint:
      reason === 'undefined'
        ? 'Make convert end with a return statement, for example return rows;'
        : 'Return plain data: arrays, objects, strings, numbers, booleans or null.',
  });
}

function thrownError(context: RunContext, status: Extract<HarnessStatus, { kind: 'threw' | 'memory' }>): ConverterError {
  const position = { line: status.line, column: status.column };
  const what = status.name ? `${status.name}: ${status.message}` : status.message;
  const readsMissingValue = /of (undefined|null)|is (undefined|null)|undefined is not|null is not/.test(status.message);

  return new ConverterError('CONVERTER_ERROR', `${subject(context)} threw ${what}${at(position)}.`, {
    converterName: context.converterName,
    ...(status.line === undefined ? {} : { line: status.line }),
    ...(status.column === undefined ? {} : { column: status.column }),
    hint: readsMissingValue
      ? "A value the converter reads is missing in this response. Use pq.get(value, 'path.to.field', fallback) for fields that can be null."
      : 'Fix the converter at that position, or check that the response has the shape the converter expects.',
  });
}

/** Errors that mean "this run ran out of room" in either engine, not a bug in the converter. */
function isMemoryExhaustion(name: string, message: string): boolean {
  if (name === 'InternalError' && (message === 'out of memory' || message === 'string too long')) return true; // QuickJS
  if (name === 'RangeError' && message.startsWith('Invalid string length')) return true; // V8 string size cap
  return /^Array buffer allocation failed/.test(message);
}

/** Maps a non-ok harness status to its error; returns undefined for `ok`. */
export function errorFromStatus(context: RunContext, status: HarnessStatus): ConverterError | undefined {
  switch (status.kind) {
    case 'ok':
      return undefined;
    case 'pending':
      return invalidOutputError(context, 'pending');
    case 'threw':
      // QuickJS's interrupt can surface as a rejection inside a promise callback.
      if (status.name === 'InternalError' && status.message === 'interrupted') return timeoutError(context);
      if (isMemoryExhaustion(status.name, status.message)) return memoryError(context, { line: status.line, column: status.column });
      return thrownError(context, status);
    case 'memory':
      return memoryError(context, { line: status.line, column: status.column });
    case 'invalid':
      return invalidOutputError(context, status.reason);
    case 'too-large':
      return outputTooLargeError(context, status.size);
    case 'no-convert':
      return new ConverterError(
        'CONVERTER_ERROR',
        `${subject(context)} defines no function named convert${status.found ? ` (convert is ${status.found})` : ''}.`,
        { converterName: context.converterName, hint: 'Define function convert(json, metadata) { ... } at the top level.' },
      );
  }
}

/** Reads the harness status JSON. A converter that replaced JSON or the prototypes can garble it. */
export function parseHarnessStatus(context: RunContext, text: unknown): HarnessStatus {
  try {
    const status = JSON.parse(String(text)) as HarnessStatus;
    if (status && typeof status.kind === 'string') return status;
  } catch {
    // Fall through to the error below.
  }
  throw new ConverterError('CONVERTER_ERROR', `${subject(context)} changed built-in objects the sandbox relies on.`, {
    converterName: context.converterName,
    hint: 'Do not reassign JSON, Promise or the prototypes of built-in objects.',
  });
}

/** Parses the result JSON on the host after checking its exact UTF-8 size. */
export function decodeOutput(context: RunContext, text: string): unknown {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > context.limits.maxOutputBytes) throw outputTooLargeError(context, bytes);

  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConverterError('CONVERTER_INVALID_OUTPUT', `${subject(context)} produced a result that is not valid JSON.`, {
      converterName: context.converterName,
      hint: 'Do not replace JSON.stringify or toJSON methods of built-in objects.',
      cause: error,
    });
  }
}
