import { describe, expect, it } from 'vitest';
import type { ParameterDefinition } from '../../../../src/contract/entities';
import { validateParameter, validateParameters } from '../../../../static/shared/src/params/validate-parameter';

const definition = (overrides: Partial<ParameterDefinition>): ParameterDefinition => ({
  name: 'value',
  type: 'string',
  required: false,
  description: '',
  viewerEditable: false,
  ...overrides,
});

describe('validateParameter', () => {
  it.each([
    ['integer', '42', undefined],
    ['integer', '-7', undefined],
    ['integer', '4.2', 'value must be a whole number, such as 42.'],
    ['integer', '12abc', 'value must be a whole number, such as 42.'],
    ['number', '3.5', undefined],
    ['number', '1e3', undefined],
    ['number', 'three', 'value must be a number, such as 3.5.'],
    ['boolean', 'true', undefined],
    ['boolean', 'yes', 'value must be true or false.'],
    ['date', '2026-03-31', undefined],
    ['date', '2026-02-30', 'value must be a date as YYYY-MM-DD, such as 2026-03-31.'],
    ['date', '31/03/2026', 'value must be a date as YYYY-MM-DD, such as 2026-03-31.'],
    ['string', 'anything at all', undefined],
    ['list', 'a, b, c', undefined],
  ] as const)('%s %j', (type, value, expected) => {
    expect(validateParameter(definition({ type }), value)).toBe(expected);
  });

  it('checks enum options', () => {
    const states = definition({ type: 'enum', options: ['open', 'closed'] });
    expect(validateParameter(states, 'open')).toBeUndefined();
    expect(validateParameter(states, 'Open')).toBe('value must be one of: open, closed.');
  });

  it('requires a value only without default', () => {
    expect(validateParameter(definition({ required: true }), '  ')).toBe('Enter a value for value.');
    expect(validateParameter(definition({ required: true, default: 'x' }), '')).toBeUndefined();
    expect(validateParameter(definition({ required: false }), '')).toBeUndefined();
  });

  it('collects problems by name', () => {
    const problems = validateParameters(
      [definition({ name: 'project', required: true }), definition({ name: 'limit', type: 'integer' }), definition({ name: 'ok' })],
      { limit: 'ten' },
    );
    expect(problems).toEqual({ project: 'Enter a value for project.', limit: 'limit must be a whole number, such as 42.' });
  });
});
