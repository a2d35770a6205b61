import type { SourceLocation } from "../values/errors.js";

/**
 * A syntax error at one place in one file. `message` reads like a compiler's:
 * `firestore.rules:3:14: expected ';' after the allow statement`, then the line with a caret.
 */
export class RulesSyntaxError extends Error {
  override readonly name = "RulesSyntaxError";
  constructor(
    readonly reason: string,
    readonly file: string,
    readonly location: SourceLocation,
    source: string,
  ) {
    super(
      `${file}:${location.line}:${location.column}: ${reason}\n${caretExcerpt(source, location)}`,
    );
  }
}

export function isRulesSyntaxError(e: unknown): e is RulesSyntaxError {
  return e instanceof Error && e.name === "RulesSyntaxError";
}

/** The offending line and a caret under the column, as compilers print them. */
export function caretExcerpt(source: string, location: SourceLocation): string {
  const line = source.split(/\r?\n/)[location.line - 1] ?? "";
  const gutter = `${location.line} | `;
  const pad = " ".repeat(gutter.length + Math.max(0, location.column - 1));
  return `${gutter}${line.replace(/\t/g, " ")}\n${pad}^`;
}
