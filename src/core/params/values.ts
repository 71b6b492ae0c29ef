// Checking a parameter's raw text against its declared type and turning it
// into a normalized value. Errors name the parameter, the value and the
// expected form, because the person reading them is a page author who typed it.

import type { ParameterDefinition, ParameterType } from '../../contract/entities';
import { AppError } from '../../errors/app-error';

/** A checked value: text for scalar types, an array for `list`. */
export type ParameterValue = { type: Exclude<ParameterType, 'list'>; text: string } | { type: 'list'; items: string[] };

export const MAX_VALUE_LENGTH = 2000;
export const MAX_LIST_ITEMS = 100;

// Tabs, CR, LF, NUL and other controls never belong in a URL or JSON value, and CR/LF would split headers in logs.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export function describeValue(raw: string): string {
  const shown = raw.length > 60 ? `${raw.slice(0, 60)}…` : raw;
  return JSON.stringify(shown);
}

function invalid(name: string, raw: string, expected: string): AppError {
  return new AppError('PARAMETER_INVALID', `Parameter "${name}" has the value ${describeValue(raw)}, but it must be ${expected}.`, {
    hint: `Enter ${expected} for "${name}".`,
    details: { stage: 'parameters', field: name, value: raw.slice(0, 200) },
  });
}

/** Checks raw text against a definition and returns the normalized value. Throws PARAMETER_INVALID. */
export function checkValue(definition: Pick<ParameterDefinition, 'name' | 'type' | 'options'>, raw: string): ParameterValue {
  const { name } = definition;
  if (raw.length > MAX_VALUE_LENGTH) throw invalid(name, raw, `at most ${MAX_VALUE_LENGTH} characters long (it has ${raw.length})`);
  if (CONTROL_CHARACTER.test(raw)) throw invalid(name, raw, 'text without control characters such as line breaks, tabs or NUL');

  switch (definition.type) {
    case 'string':
      return { type: 'string', text: raw };

    case 'integer': {
      const text = raw.trim();
      if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
        throw invalid(name, raw, 'a whole number such as 42 or -7 (between -9007199254740991 and 9007199254740991)');
      }
      return { type: 'integer', text: String(Number(text)) };
    }

    case 'number': {
      const text = raw.trim();
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) || !Number.isFinite(Number(text))) {
        throw invalid(name, raw, 'a number such as 3.5 or -12, written with a dot as decimal separator');
      }
      return { type: 'number', text: String(Number(text)) };
    }

    case 'boolean': {
      const text = raw.trim().toLowerCase();
      if (text !== 'true' && text !== 'false') throw invalid(name, raw, 'true or false');
      return { type: 'boolean', text };
    }

    case 'date': {
      const text = raw.trim();
      if (!isCalendarDate(text)) throw invalid(name, raw, 'a date written YYYY-MM-DD, such as 2026-03-31');
      return { type: 'date', text };
    }

    case 'enum': {
      const options = definition.options ?? [];
      if (!options.includes(raw)) {
        throw invalid(name, raw, `one of ${options.map((option) => JSON.stringify(option)).join(', ')}`);
      }
      return { type: 'enum', text: raw };
    }

    case 'list': {
      const items = raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
      if (items.length > MAX_LIST_ITEMS) throw invalid(name, raw, `a comma-separated list of at most ${MAX_LIST_ITEMS} items`);
      return { type: 'list', items };
    }
  }
}

export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Formats the value as one line of text, the form converters and templates see. */
export function valueText(value: ParameterValue): string {
  return value.type === 'list' ? value.items.join(',') : value.text;
}
