import type { Clock } from "../primitives.js";

/**
 * A clock that moves only when told to, for tests of expiry, windows and lockout.
 * Starts at 2030-01-01T00:00:00Z unless given a start, so dates in failures are readable.
 */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = "2030-01-01T00:00:00.000Z") {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (ms < 0) throw new Error("a ManualClock only moves forward");
    this.current += ms;
  }

  /** Moves forward by whole seconds, as JWT times count. */
  advanceSeconds(seconds: number): void {
    this.advance(seconds * 1000);
  }
}
