import { describe, expect, it } from 'vitest';
import { CONVERTER_LIMIT_CEILINGS, DEFAULT_CONVERTER_LIMITS, resolveConverterLimits } from '../../src/core/convert/index';

describe('resolveConverterLimits', () => {
  it('applies defaults', () => {
    expect(resolveConverterLimits()).toEqual({ timeoutMs: 2000, memoryMb: 128, maxOutputBytes: 5 * 1024 * 1024 });
    expect(resolveConverterLimits({})).toEqual(DEFAULT_CONVERTER_LIMITS);
  });

  it('keeps lowered limits', () => {
    expect(resolveConverterLimits({ timeoutMs: 500, memoryMb: 32, maxOutputBytes: 1000 })).toEqual({
      timeoutMs: 500,
      memoryMb: 32,
      maxOutputBytes: 1000,
    });
  });

  it('clamps to ceilings', () => {
    expect(resolveConverterLimits({ timeoutMs: 1e9, memoryMb: 1e6, maxOutputBytes: 1e12 })).toEqual(CONVERTER_LIMIT_CEILINGS);
  });

  it('clamps to minimums', () => {
    expect(resolveConverterLimits({ timeoutMs: 0, memoryMb: -5, maxOutputBytes: 0 })).toEqual({ timeoutMs: 10, memoryMb: 16, maxOutputBytes: 1 });
  });

  it('ignores non-finite values', () => {
    expect(resolveConverterLimits({ timeoutMs: Number.NaN, memoryMb: Number.POSITIVE_INFINITY })).toEqual(DEFAULT_CONVERTER_LIMITS);
  });

  it('rounds down fractions', () => {
    expect(resolveConverterLimits({ timeoutMs: 150.9 }).timeoutMs).toBe(150);
  });
});
