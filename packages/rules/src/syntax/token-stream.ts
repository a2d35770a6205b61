import type { SourceLocation } from "./ast.js";
import type { RulesSyntaxError } from "./errors.js";
import { Scanner, type Token } from "./scanner.js";

/** One token of lookahead over the scanner, with the helpers both parsers share. */
export class TokenStream {
  readonly scanner: Scanner;
  token: Token;
  /** Where the previous token ended: a missing `;` is reported there. */
  private previousEnd = 0;
  /** How deeply expressions nest right now; bounded so no input can overflow the stack. */
  depth = 0;

  constructor(source: string, file: string) {
    this.scanner = new Scanner(source, file);
    this.token = this.scanner.tokenAt(0);
  }

  /** Moves to the token after the current one and returns the one left behind. */
  advance(): Token {
    const previous = this.token;
    this.previousEnd = previous.end;
    this.token = this.scanner.tokenAt(previous.end);
    return previous;
  }

  /** Re-reads the current token from an offset, after raw scanning (paths). */
  resumeAt(offset: number): void {
    this.token = this.scanner.tokenAt(offset);
  }

  at(text: string): boolean {
    const t = this.token;
    return (t.kind === "punct" || t.kind === "identifier") && t.text === text;
  }

  accept(text: string): boolean {
    if (!this.at(text)) return false;
    this.advance();
    return true;
  }

  expect(text: string, context: string): Token {
    if (!this.at(text)) throw this.unexpected(`expected '${text}' ${context}`);
    return this.advance();
  }

  identifier(context: string): Token {
    if (this.token.kind !== "identifier") throw this.unexpected(`expected a name ${context}`);
    return this.advance();
  }

  location(token: Token = this.token): SourceLocation {
    return this.scanner.locationOf(token.start);
  }

  /** "expected X, found Y" at the current token. */
  unexpected(expectation: string): RulesSyntaxError {
    const t = this.token;
    return this.scanner.error(`${expectation}, found ${this.describe(t)}`, t.start);
  }

  /**
   * A missing terminator such as `;`: reported where it belongs, right after the previous
   * token, when the next token is on a later line (as compilers do); at the next token when
   * both are on one line.
   */
  missing(expectation: string): RulesSyntaxError {
    const t = this.token;
    const here = this.scanner.locationOf(t.start).line;
    const previous = this.scanner.locationOf(this.previousEnd).line;
    const at = here > previous ? this.previousEnd : t.start;
    return this.scanner.error(`${expectation}, found ${this.describe(t)}`, at);
  }

  private describe(t: Token): string {
    if (t.kind === "eof") return "the end of the file";
    // String and bytes tokens already carry their quotes.
    return t.kind === "string" || t.kind === "bytes" ? t.text : `'${t.text}'`;
  }
}
