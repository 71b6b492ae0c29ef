// A Clock that moves only when a test advances or sets it.

import type { Clock } from '../../src/core/ports';

export class ManualClock implements Clock {
  private current: number;

  constructor(start = Date.UTC(2026, 0, 15, 9, 30)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }

  set(epochMilliseconds: number): void {
    this.current = epochMilliseconds;
  }
}
