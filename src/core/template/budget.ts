// Limits for one query run's rendering, shared by the main template and every
// template it includes, so an include cannot reset the clock or the size count.

export interface RenderLimits {
  /** Wall time for all rendering of one run, in milliseconds. */
  timeoutMs: number;
  /** Largest HTML output, in characters (UTF-16 code units). */
  maxOutputChars: number;
  /** `$PQ.template` and `$PQ.templateByName` calls per run, combined. */
  maxIncludes: number;
  /** Items a range literal such as `[1..n]` may produce. */
  maxRangeItems: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = {
  timeoutMs: 5_000,
  maxOutputChars: 5_000_000,
  maxIncludes: 15,
  maxRangeItems: 100_000,
};

export type BudgetViolation = 'timeout' | 'output';

export class RenderBudget {
  readonly limits: RenderLimits;
  includes = 0;
  private readonly deadline: number;
  private readonly now: () => number;
  private ticks = 0;

  constructor(limits: Partial<RenderLimits> = {}, now: () => number = () => performance.now()) {
    this.limits = { ...DEFAULT_RENDER_LIMITS, ...limits };
    this.now = now;
    this.deadline = now() + this.limits.timeoutMs;
  }

  /** Counts one unit of work and reports whether the deadline passed; the clock is read every 64 ticks to keep this cheap. */
  isOverTime(): boolean {
    this.ticks += 1;
    if ((this.ticks & 63) !== 0) return false;
    return this.now() > this.deadline;
  }

  isOverTimeNow(): boolean {
    return this.now() > this.deadline;
  }

  isTooLong(length: number): boolean {
    return length > this.limits.maxOutputChars;
  }
}
