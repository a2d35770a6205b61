import { Writable } from "node:stream";

/**
 * One output stream of a job, kept within `limit` bytes: the first half and the last half.
 * A build's first lines say what ran and its last lines what failed; a runaway loop's middle is
 * what goes, and the result says how many bytes did.
 */
export class CappedOutput extends Writable {
  readonly #headLimit: number;
  readonly #tailLimit: number;
  #head: Buffer[] = [];
  #headBytes = 0;
  #tail: Buffer[] = [];
  #tailBytes = 0;
  #dropped = 0;

  constructor(limit: number) {
    super();
    this.#headLimit = Math.ceil(limit / 2);
    this.#tailLimit = Math.floor(limit / 2);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.add(chunk);
    done();
  }

  /** Adds bytes (also what `write` does). */
  add(chunk: Buffer): void {
    let rest = chunk;
    if (this.#headBytes < this.#headLimit) {
      const take = rest.subarray(0, this.#headLimit - this.#headBytes);
      this.#head.push(take);
      this.#headBytes += take.length;
      rest = rest.subarray(take.length);
    }
    if (rest.length === 0) return;
    this.#tail.push(rest);
    this.#tailBytes += rest.length;
    while (this.#tailBytes > this.#tailLimit) {
      const first = this.#tail[0]!;
      const excess = this.#tailBytes - this.#tailLimit;
      if (first.length <= excess) {
        this.#tail.shift();
        this.#tailBytes -= first.length;
        this.#dropped += first.length;
      } else {
        this.#tail[0] = first.subarray(excess);
        this.#tailBytes -= excess;
        this.#dropped += excess;
      }
    }
  }

  /** Bytes left out so far. */
  get dropped(): number {
    return this.#dropped;
  }

  /** What was kept, as UTF-8, with a line marking the gap when bytes were dropped. */
  text(): string {
    const head = Buffer.concat(this.#head).toString("utf8");
    const tail = Buffer.concat(this.#tail).toString("utf8");
    if (this.#dropped === 0) return head + tail;
    return `${head}\n[… ${this.#dropped} bytes left out …]\n${tail}`;
  }
}
