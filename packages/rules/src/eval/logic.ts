import { isRulesEvalError, RulesEvalError } from "../values/errors.js";
import { typeOf, type Value } from "../values/value.js";
import type { RunContext } from "./context.js";
import type { Compiled, Env } from "./scope.js";

type Outcome = { value: boolean } | { error: RulesEvalError };

/** Evaluates a boolean operand, turning errors and non-booleans into an error outcome. */
function settle(expr: Compiled, env: Env, ctx: RunContext, operator: string): Outcome {
  let value: Value;
  try {
    value = expr(env, ctx);
  } catch (e) {
    if (isRulesEvalError(e)) return { error: e };
    throw e;
  }
  if (typeof value === "boolean") return { value };
  return { error: new RulesEvalError(`'${operator}' needs bool operands, got ${typeOf(value)}`) };
}

/**
 * `&&` and `||` short-circuit left to right, and absorb errors commutatively as CEL does:
 * `error || true` is true and `error && false` is false, while `error || false` stays an error.
 * `decisive` is the value that settles the operator (false for &&, true for ||).
 */
export function compileLogical(left: Compiled, right: Compiled, operator: "&&" | "||"): Compiled {
  const decisive = operator === "||";
  return (env, ctx) => {
    const l = settle(left, env, ctx, operator);
    if ("value" in l && l.value === decisive) return decisive;
    const r = settle(right, env, ctx, operator);
    if ("value" in r && r.value === decisive) return decisive;
    if ("error" in l) throw l.error;
    if ("error" in r) throw r.error;
    return !decisive;
  };
}

/** `c ? a : b`: the condition must be a bool; an erroring condition is an error. */
export function compileTernary(
  test: Compiled,
  consequent: Compiled,
  alternate: Compiled,
): Compiled {
  return (env, ctx) => {
    const t = test(env, ctx);
    if (typeof t !== "boolean") {
      throw new RulesEvalError(`the condition of '? :' must be a bool, got ${typeOf(t)}`);
    }
    return t ? consequent(env, ctx) : alternate(env, ctx);
  };
}
