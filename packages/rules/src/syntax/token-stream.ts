import type { SourceLocation } from "./ast.js";
import type { RulesSyntaxError } from "./errors.js";
import { Scanner, type Token } from "./scanner.js";

/** One token of lookahead over the scanner, with the helpers both parsers share. */
export class TokenStream {
  readonly scanner: Scanner;
  token: Token;

  constructor(source: string, file: string) {
    this.scanner = new Scanner(source, file);
    this.token = this.scanner.tokenAt(0);
  }

  /** Moves to the token after the current one and returns the one left behind. */
  advance(): Token {
    const previous = this.token;
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
    const found = t.kind === "eof" ? "the end of the file" : `'${t.text}'`;
    return this.scanner.error(`${expectation}, found ${found}`, t.start);
  }
}
