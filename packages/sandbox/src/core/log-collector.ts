import type { LogLine } from "../types.js";

/** Caps on what one invocation may log; past them the rest is counted, not kept. */
export const LOG_LIMITS = {
  lines: 2_000,
  /** Characters over all kept lines. */
  characters: 512 * 1024,
  /** Characters of one line; the rest of the line is cut. */
  lineCharacters: 16 * 1024,
} as const;

/** One invocation's log lines, in the order they arrived, within {@link LOG_LIMITS}. */
export class LogCollector {
  readonly #lines: LogLine[] = [];
  #characters = 0;
  #dropped = 0;

  add(log: LogLine): void {
    const line =
      log.line.length > LOG_LIMITS.lineCharacters
        ? `${log.line.slice(0, LOG_LIMITS.lineCharacters)}… [line cut at ${LOG_LIMITS.lineCharacters} characters]`
        : log.line;
    if (
      this.#dropped > 0 ||
      this.#lines.length >= LOG_LIMITS.lines ||
      this.#characters + line.length > LOG_LIMITS.characters
    ) {
      this.#dropped += 1;
      return;
    }
    this.#characters += line.length;
    this.#lines.push({ stream: log.stream, line, at: log.at });
  }

  /** The kept lines, and a last stderr line saying how many were dropped, if any. */
  lines(): LogLine[] {
    if (this.#dropped === 0) return [...this.#lines];
    const last = this.#lines.at(-1)?.at ?? Date.now();
    return [
      ...this.#lines,
      {
        stream: "stderr",
        line: `[sandbox] ${this.#dropped} more log lines dropped (limit: ${LOG_LIMITS.lines} lines, ${LOG_LIMITS.characters} characters)`,
        at: last,
      },
    ];
  }
}
