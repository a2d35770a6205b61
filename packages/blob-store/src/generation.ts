/**
 * Generations, as Cloud Storage makes them: microseconds since the epoch, as a decimal string.
 * Strictly increasing within a process even when the clock stalls or steps back, and greater
 * than any generation the caller has seen for the object (`after`), so an object's
 * generations only ever grow.
 */
export class GenerationClock {
  private last = 0n;

  constructor(private readonly now: () => number) {}

  next(after?: string): string {
    const floor = after === undefined ? 0n : BigInt(after);
    let value = BigInt(Math.floor(this.now())) * 1000n;
    if (value <= this.last) value = this.last + 1n;
    if (value <= floor) value = floor + 1n;
    this.last = value;
    return value.toString();
  }
}
