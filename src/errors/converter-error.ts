// Errors of the converter sandbox. Each carries the converter's name and, when
// the engine reports one, the line and column in the converter's own source.

import type { ErrorCode } from '../contract/errors';
import { AppError } from './app-error';

export type ConverterErrorCode = Extract<
  ErrorCode,
  | 'CONVERTER_SYNTAX'
  | 'CONVERTER_ERROR'
  | 'CONVERTER_TIMEOUT'
  | 'CONVERTER_MEMORY'
  | 'CONVERTER_OUTPUT_TOO_LARGE'
  | 'CONVERTER_INVALID_OUTPUT'
  | 'SANDBOX_UNAVAILABLE'
>;

export interface ConverterErrorOptions {
  converterName?: string;
  line?: number;
  column?: number;
  limit?: { name: string; value: number };
  hint?: string;
  cause?: unknown;
}

export class ConverterError extends AppError {
  declare readonly code: ConverterErrorCode;

  constructor(code: ConverterErrorCode, message: string, options: ConverterErrorOptions = {}) {
    super(code, message, {
      hint: options.hint,
      cause: options.cause,
      details: {
        stage: 'convert',
        ...(options.converterName === undefined ? {} : { entity: { kind: 'converter', name: options.converterName } }),
        ...(options.line === undefined ? {} : { line: options.line }),
        ...(options.column === undefined ? {} : { column: options.column }),
        ...(options.limit === undefined ? {} : { limit: options.limit }),
      },
    });
    this.name = 'ConverterError';
  }
}

export function isConverterError(value: unknown): value is ConverterError {
  return value instanceof ConverterError;
}
