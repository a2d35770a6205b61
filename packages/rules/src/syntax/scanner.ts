import type { SourceLocation } from "./ast.js";
import { RulesSyntaxError } from "./errors.js";
import { readQuoted } from "./string-literal.js";

export type TokenKind = "identifier" | "int" | "float" | "string" | "bytes" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  /** Identifier name, punctuation text, or the literal as written. */
  text: string;
  /** Decoded literal: number for int/float, string, or bytes. */
  value?: number | string | Uint8Array;
  start: number;
  end: number;
}

// Longest first, so `<=` wins over `<`.
const PUNCTUATION = [
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  ",",
  ";",
  ":",
  ".",
  "?",
  "!",
  "=",
  "<",
  ">",
  "+",
  "-",
  "*",
  "/",
  "%",
];

/**
 * An on-demand scanner: the parser pulls one token at a time and, for path literals and match
 * paths (which are written unquoted, like `/users/$(uid)` or `/{doc=**}`), reads raw characters
 * from a position instead.
 */
export class Scanner {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly source: string,
    readonly file: string,
  ) {
    for (let i = 0; i < source.length; i++) if (source[i] === "\n") this.lineStarts.push(i + 1);
  }

  locationOf(offset: number): SourceLocation {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  error(reason: string, offset: number): RulesSyntaxError {
    return new RulesSyntaxError(reason, this.file, this.locationOf(offset), this.source);
  }

  /** Skips white space and comments from `offset`; returns where the next token starts. */
  skipTrivia(offset: number): number {
    const s = this.source;
    let i = offset;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) i++;
      else if (c === 47 && s.charCodeAt(i + 1) === 47) {
        while (i < s.length && s[i] !== "\n") i++;
      } else if (c === 47 && s.charCodeAt(i + 1) === 42) {
        const close = s.indexOf("*/", i + 2);
        if (close < 0) throw this.error("unterminated /* comment", i);
        i = close + 2;
      } else return i;
    }
  }

  /** The token starting at or after `offset`. */
  tokenAt(offset: number): Token {
    const s = this.source;
    const start = this.skipTrivia(offset);
    if (start >= s.length) return { kind: "eof", text: "end of file", start, end: start };
    const c = s[start]!;
    if (/[A-Za-z_]/.test(c)) {
      // b'…' and b"…" are bytes literals, not the identifier b.
      if (c === "b" && (s[start + 1] === "'" || s[start + 1] === '"')) {
        const { value, end } = readQuoted(this, start + 1, "bytes");
        return { kind: "bytes", text: s.slice(start, end), value, start, end };
      }
      let end = start + 1;
      while (end < s.length && /[A-Za-z0-9_]/.test(s[end]!)) end++;
      return { kind: "identifier", text: s.slice(start, end), start, end };
    }
    if (/[0-9]/.test(c)) return this.number(start);
    if (c === "'" || c === '"') {
      const { value, end } = readQuoted(this, start, "string");
      return { kind: "string", text: s.slice(start, end), value, start, end };
    }
    for (const p of PUNCTUATION) {
      if (s.startsWith(p, start)) return { kind: "punct", text: p, start, end: start + p.length };
    }
    throw this.error(`unexpected character '${c}'`, start);
  }

  private number(start: number): Token {
    const s = this.source;
    let end = start;
    while (/[0-9]/.test(s[end] ?? "")) end++;
    let isFloat = false;
    if (s[end] === "." && /[0-9]/.test(s[end + 1] ?? "")) {
      isFloat = true;
      end++;
      while (/[0-9]/.test(s[end] ?? "")) end++;
    }
    if (/[eE]/.test(s[end] ?? "") && /[0-9+-]/.test(s[end + 1] ?? "")) {
      isFloat = true;
      end += s[end + 1] === "+" || s[end + 1] === "-" ? 2 : 1;
      if (!/[0-9]/.test(s[end] ?? "")) throw this.error("expected digits in the exponent", end);
      while (/[0-9]/.test(s[end] ?? "")) end++;
    }
    if (/[A-Za-z_]/.test(s[end] ?? "")) throw this.error("a number cannot run into a name", end);
    const text = s.slice(start, end);
    const value = Number(text);
    if (!isFloat && !Number.isSafeInteger(value)) {
      throw this.error(`integer literal ${text} is out of range`, start);
    }
    return { kind: isFloat ? "float" : "int", text, value, start, end };
  }
}
