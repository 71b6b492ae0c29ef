// Converter limits: one place that applies defaults and ceilings.

import type { ConverterLimits } from './types';

/** Applied when a caller leaves a limit out. Sized for a 10 MB JSON response parsed inside the sandbox. */
export const DEFAULT_CONVERTER_LIMITS: Readonly<ConverterLimits> = Object.freeze({
  timeoutMs: 2_000,
  memoryMb: 128,
  // Forge caps a resolver response at 5 MB, so a larger result could never reach the page.
  maxOutputBytes: 5 * 1024 * 1024,
});

/** Upper bounds no configuration can exceed; an admin can set any value from the minimum up to these. */
export const CONVERTER_LIMIT_CEILINGS: Readonly<ConverterLimits> = Object.freeze({
  // A UI resolver on Forge has 25 s in total; fetch and render need the rest.
  timeoutMs: 10_000,
  // Forge functions get 512 MB by default; the host process needs the rest.
  memoryMb: 256,
  maxOutputBytes: 5 * 1024 * 1024,
});

/** Lower bounds: below these an engine cannot even start. */
export const CONVERTER_LIMIT_MINIMUMS: Readonly<ConverterLimits> = Object.freeze({
  timeoutMs: 10,
  memoryMb: 16,
  maxOutputBytes: 1,
});

/** Fills in defaults and clamps each limit into [minimum, ceiling]. Non-finite values count as missing. */
export function resolveConverterLimits(limits: Partial<ConverterLimits> = {}): ConverterLimits {
  const resolved = { ...DEFAULT_CONVERTER_LIMITS };

  for (const name of Object.keys(resolved) as (keyof ConverterLimits)[]) {
    const requested = limits[name];
    if (typeof requested !== 'number' || !Number.isFinite(requested)) continue;

    const clamped = Math.min(CONVERTER_LIMIT_CEILINGS[name], Math.max(CONVERTER_LIMIT_MINIMUMS[name], requested));
    resolved[name] = Math.floor(clamped);
  }

  return resolved;
}
