// The host's logger: one line per event on stdout (warnings and errors on
// stderr), `level event key=value ...`. Callers pass ids, statuses and
// durations, never secrets or bodies (see Logger in core/ports).

import type { LogFields, Logger } from '../core/ports';

export interface ConsoleLoggerOptions {
  /** Drop info lines, e.g. in tests; warnings and errors are always written. */
  quiet?: boolean;
}

export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const write = (level: 'info' | 'warn' | 'error', event: string, fields?: LogFields): void => {
    if (level === 'info' && options.quiet) return;
    const parts = [new Date().toISOString(), level, event];
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (value !== undefined) parts.push(`${key}=${formatValue(value)}`);
    }
    const line = parts.join(' ');
    if (level === 'info') console.log(line);
    else console.error(line);
  };

  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

function formatValue(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
}
