/** Where in a rules file something is: 1-based line and column. */
export interface SourceLocation {
  line: number;
  column: number;
}

/**
 * An evaluation error: production's "Property x is undefined on object.", "Null value error.",
 * "Function not found error: Name: [bool].", a type mismatch, division by zero… Errors deny,
 * except where `&&` / `||` absorb them.
 */
export class RulesEvalError extends Error {
  override readonly name = "RulesEvalError";
  /** Set by the evaluator at the innermost expression that failed. */
  location: SourceLocation | undefined;
  constructor(message: string, location?: SourceLocation) {
    super(message);
    this.location = location;
  }
}

export function isRulesEvalError(e: unknown): e is RulesEvalError {
  return e instanceof Error && e.name === "RulesEvalError";
}

/** Throws a RulesEvalError; an expression, so callers can write `x ?? fail("…")`. */
export function fail(message: string): never {
  throw new RulesEvalError(message);
}
