import type { SourceLocation } from "../syntax/ast.js";
import { RulesEvalError } from "../values/errors.js";
import type { Value } from "../values/value.js";

/** Reads documents for `get()`/`exists()` (current state) and `getAfter()`/`existsAfter()`. */
export interface DocumentReader {
  /** The document's fields, or undefined when it does not exist. Paths are document paths
   * below the documents root, e.g. `["users", "alice"]`. */
  get(path: readonly string[]): RMapLike | undefined;
}

/** What a reader returns: the document's data as a rules map. */
export type RMapLike = Value;

export interface EvaluationLimits {
  /** Distinct documents `get`/`exists`/`getAfter`/`existsAfter` may read (production: 10). */
  lookups: number;
  /** Expressions evaluated per request (production: 1,000). */
  expressions: number;
  /** Nested function calls (production: 20). */
  callDepth: number;
}

export const PRODUCTION_LIMITS: EvaluationLimits = Object.freeze({
  lookups: 10,
  expressions: 1000,
  callDepth: 20,
});

/** One `allow` that was tried, for explanations. */
export interface AllowAttempt {
  /** The full match pattern, e.g. `/databases/{database}/documents/users/{uid}`. */
  match: string;
  methods: string[];
  location: SourceLocation;
  outcome: "allowed" | "false" | "error";
  /** For errors: the message and where the failing sub-expression is. */
  error?: { message: string; location?: SourceLocation };
  /** For `false`: the first `&&` operand that was false, as source text, and where. */
  falseAt?: { expression: string; location: SourceLocation };
}

/** Per-request state: the variables, the lookup cache and budget, counters, and the trace. */
export class RunContext {
  expressions = 0;
  callDepth = 0;
  lookupIdentity = true;
  readonly lookedUp = new Map<string, Value | undefined>();
  readonly attempts: AllowAttempt[] = [];
  readonly debugLog: string[] = [];

  constructor(
    readonly globals: ReadonlyMap<string, Value>,
    readonly current: DocumentReader | undefined,
    readonly after: DocumentReader | undefined,
    readonly limits: EvaluationLimits,
  ) {}

  /** Counts one expression; past the limit the request is denied, as in production. */
  tick(): void {
    if (++this.expressions > this.limits.expressions) {
      throw new RulesEvalError(`more than ${this.limits.expressions} expressions evaluated`);
    }
  }

  /** Reads a document once per request: repeated reads of one path count once. */
  lookup(kind: "current" | "after", path: readonly string[]): Value | undefined {
    const key = `${kind}:${path.join("/")}`;
    if (this.lookedUp.has(key)) return this.lookedUp.get(key);
    const distinct = new Set([...this.lookedUp.keys()].map((k) => k.slice(k.indexOf(":") + 1)));
    if (!distinct.has(path.join("/")) && distinct.size >= this.limits.lookups) {
      throw new RulesEvalError(`more than ${this.limits.lookups} document lookups in one request`);
    }
    const reader = kind === "current" ? this.current : this.after;
    if (!reader) throw new RulesEvalError(`document lookups are not available here`);
    const found = reader.get(path);
    this.lookedUp.set(key, found);
    return found;
  }
}
