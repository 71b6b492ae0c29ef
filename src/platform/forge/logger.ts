// Structured logger on console, which Forge collects into the app's logs.
// Callers pass ids, statuses and durations only (see the Logger port); string
// fields are still capped and passed through the same credential masking as
// unexpected errors, because a log line cannot be taken back.

import type { LogFields, Logger } from '../../core/ports';
import { redact } from '../../resolvers/respond';

export function createConsoleLogger(base: LogFields = {}): Logger {
  const write = (level: 'info' | 'warn' | 'error', event: string, fields: LogFields = {}) => {
    const line = JSON.stringify({ level, event, ...sanitize(base), ...sanitize(fields) });
    if (level === 'error') console.error(line);
    else if (level === 'warn') console.warn(line);
    else console.log(line);
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

function sanitize(fields: LogFields): LogFields {
  const clean: LogFields = {};
  for (const [name, value] of Object.entries(fields)) {
    clean[name] = typeof value === 'string' ? redact(value) : value;
  }
  return clean;
}
