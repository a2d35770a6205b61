/**
 * Diagnostics and the reporter that collects them, with the small amount of source-text
 * arithmetic the checker needs: the AST records where a statement starts (`function`, `let`,
 * `.`, `is`), while a compiler-like message should point at the name that follows.
 */
import type { SourceLocation } from "../syntax/ast.js";
import { caretExcerpt } from "../syntax/errors.js";

/** `error`: the construct cannot work as written. `warning`: it works but is probably a mistake. */
export type Severity = "error" | "warning";

/** One finding of the checker, located like a compiler message. */
export interface Diagnostic {
  severity: Severity;
  /** Stable kebab-case identifier, e.g. `undefined-function` (listed in docs/ERRORS.md). */
  code: string;
  message: string;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The offending line and a caret under the column (see `caretExcerpt`). */
  excerpt: string;
}

/** Collects diagnostics for one file and locates names in its source. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly file: string,
    readonly source: string,
  ) {
    for (let i = 0; i < source.length; i++) if (source[i] === "\n") this.lineStarts.push(i + 1);
  }

  /** Records an error-severity diagnostic at `location`. */
  error(code: string, location: SourceLocation, message: string): void {
    this.add("error", code, location, message);
  }

  /** Records a warning at `location`. */
  warning(code: string, location: SourceLocation, message: string): void {
    this.add("warning", code, location, message);
  }

  private add(severity: Severity, code: string, location: SourceLocation, message: string): void {
    this.diagnostics.push({
      severity,
      code,
      message,
      file: this.file,
      line: location.line,
      column: location.column,
      excerpt: caretExcerpt(this.source, location),
    });
  }

  /**
   * Where the token after `lead` starts, for a node whose location is that of `lead`: the name
   * after `function`, `let`, `.` or `is`. Falls back to `location` if the text is not there
   * (an AST built by hand), so a caret is always produced.
   */
  nameAfter(location: SourceLocation, lead: string): SourceLocation {
    const start = this.offsetOf(location);
    if (start === undefined || !this.source.startsWith(lead, start)) return location;
    return this.locationOf(this.skipTrivia(start + lead.length));
  }

  private offsetOf(location: SourceLocation): number | undefined {
    const lineStart = this.lineStarts[location.line - 1];
    return lineStart === undefined ? undefined : lineStart + location.column - 1;
  }

  private locationOf(offset: number): SourceLocation {
    let line = 0;
    while (line + 1 < this.lineStarts.length && this.lineStarts[line + 1]! <= offset) line++;
    return { line: line + 1, column: offset - this.lineStarts[line]! + 1 };
  }

  /** White space and comments, as the scanner skips them between tokens. */
  private skipTrivia(offset: number): number {
    const s = this.source;
    let i = offset;
    while (i < s.length) {
      if (/\s|\uFEFF/.test(s[i]!)) i++;
      else if (s.startsWith("//", i)) {
        const end = s.indexOf("\n", i);
        i = end < 0 ? s.length : end;
      } else if (s.startsWith("/*", i)) {
        const end = s.indexOf("*/", i + 2);
        i = end < 0 ? s.length : end + 2;
      } else break;
    }
    return i;
  }
}

/** Orders by position, then errors before warnings, then by code, so output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message)
  );
}
