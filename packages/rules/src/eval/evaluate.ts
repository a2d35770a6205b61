import { isRulesEvalError } from "../values/errors.js";
import type { Value } from "../values/value.js";
import {
  PRODUCTION_LIMITS,
  RunContext,
  type AllowAttempt,
  type DocumentReader,
  type EvaluationLimits,
} from "./context.js";
import type { CompiledTree } from "./compile-ruleset.js";
import {
  matchPattern,
  type CompiledAllow,
  type CompiledMatch,
  type MatchIndex,
  type RequestMethod,
} from "./match-tree.js";
import { Env } from "./scope.js";

export interface EvaluationInput {
  method: RequestMethod;
  /** The request path's segments from the service root, e.g. `databases/(default)/documents/users/alice`. */
  path: readonly string[];
  /** Top-level variables: `request` and `resource`. */
  variables: ReadonlyMap<string, Value>;
  /** Documents as they are, for get()/exists(). */
  current?: DocumentReader;
  /** Documents as they would be after the write, for getAfter()/existsAfter(). */
  after?: DocumentReader;
  limits?: Partial<EvaluationLimits>;
  /** Try every applicable allow and record each outcome, instead of stopping at the first grant. */
  explain?: boolean;
  /** Give documents read by get()/getAfter() their `id` and `__name__` (default true; the
   * Firebase Rules Test API's mocks have neither). */
  lookupIdentity?: boolean;
}

export interface Verdict {
  allowed: boolean;
  /** Every match block that matched the whole path, by its full pattern (explain mode lists all). */
  matched: string[];
  /** The allows that applied to the request, in the order tried, with their outcome. */
  attempts: AllowAttempt[];
  /** What debug() printed. */
  debug: string[];
  /** How many distinct documents were read. */
  lookups: number;
}

/**
 * Decides one request: every `allow` of every match block that matches the whole path and
 * covers the method is tried; the request is allowed when one condition is exactly `true`.
 * Errors and non-boolean results deny.
 */
export function evaluateTree(
  tree: CompiledTree,
  version: "1" | "2",
  input: EvaluationInput,
): Verdict {
  const limits = { ...PRODUCTION_LIMITS, ...input.limits };
  const ctx = new RunContext(input.variables, input.current, input.after, limits);
  ctx.lookupIdentity = input.lookupIdentity ?? true;
  const root = new Env(tree.service, undefined, new Env(tree.global, undefined, undefined));
  let allowed = false;
  const matched: string[] = [];
  const visit = (blocks: MatchIndex, from: number, parent: Env): boolean => {
    for (const block of blocks.candidates(input.path[from])) {
      for (const { end, bindings } of matchPattern(block.pattern, input.path, from, version)) {
        const env = new Env(block.scope, bindings, parent);
        if (end === input.path.length) {
          matched.push(block.label);
          if (tryAllows(block, env) && !input.explain) return true;
        }
        if (block.children.size > 0 && visit(block.children, end, env) && !input.explain)
          return true;
      }
    }
    return false;
  };
  const tryAllows = (block: CompiledMatch, env: Env): boolean => {
    for (const allow of block.allows) {
      if (!allow.methods.has(input.method)) continue;
      const attempt: AllowAttempt = {
        match: block.label,
        methods: allow.methodsText,
        location: allow.location,
        outcome: "false",
      };
      ctx.attempts.push(attempt);
      if (!allow.condition) {
        attempt.outcome = "allowed";
      } else {
        try {
          if (allow.condition(env, ctx) === true) attempt.outcome = "allowed";
        } catch (e) {
          if (!isRulesEvalError(e)) throw e;
          attempt.outcome = "error";
          attempt.error = { message: e.message, ...(e.location ? { location: e.location } : {}) };
        }
      }
      if (attempt.outcome === "false" && input.explain) explainFalse(allow, env, attempt);
      if (attempt.outcome === "allowed") {
        allowed = true;
        if (!input.explain) return true;
      }
    }
    return false;
  };
  // Re-runs the top-level && operands one by one to find the first false one. Explanations
  // only: the decision above is the single compiled condition.
  const explainFalse = (allow: CompiledAllow, env: Env, attempt: AllowAttempt) => {
    if (allow.conjuncts.length < 2) return;
    for (const part of allow.conjuncts) {
      let value;
      try {
        value = part.compiled(env, ctx);
      } catch {
        return;
      }
      if (value === false) {
        attempt.falseAt = { expression: part.text, location: part.location };
        return;
      }
    }
  };
  visit(tree.matches, 0, root);
  const lookups = new Set([...ctx.lookedUp.keys()].map((k) => k.slice(k.indexOf(":") + 1))).size;
  return { allowed, matched, attempts: ctx.attempts, debug: ctx.debugLog, lookups };
}
