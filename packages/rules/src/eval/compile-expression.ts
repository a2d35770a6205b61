import type { Expr, PathLiteralSegment, SourceLocation } from "../syntax/ast.js";
import { compareValues, valuesEqual } from "../values/equality.js";
import { isRulesEvalError, RulesEvalError } from "../values/errors.js";
import {
  add,
  contains,
  divide,
  index,
  isType,
  modulo,
  multiply,
  negate,
  not,
  slice,
  subtract,
} from "../values/operators.js";
import { RConstraint, RFloat, RMap, RPath, typeOf, type Value } from "../values/value.js";
import { compileCall, type CompileOptions } from "./calls.js";
import {
  compareConstraint,
  containsConstraint,
  equalsConstraint,
  isConstraint,
} from "./constraints.js";
import { compileLogical, compileTernary } from "./logic.js";
import type { Compiled, Scope } from "./scope.js";

const ARITHMETIC = { "+": add, "-": subtract, "*": multiply, "/": divide, "%": modulo } as const;

/** Runs `fn`, pinning any evaluation error that has no location yet to `loc`. */
export function located(loc: SourceLocation, fn: Compiled): Compiled {
  return (env, ctx) => {
    try {
      return fn(env, ctx);
    } catch (e) {
      if (isRulesEvalError(e) && e.location === undefined) e.location = loc;
      throw e;
    }
  };
}

/** Compiles an expression into a closure, once; names resolve against `scope` now. */
export function compileExpression(expr: Expr, scope: Scope, options: CompileOptions): Compiled {
  const sub = (e: Expr) => compileExpression(e, scope, options);
  switch (expr.kind) {
    case "literal": {
      const v = expr.value;
      const value: Value =
        v.type === "null" ? null : v.type === "float" ? new RFloat(v.value) : v.value;
      return () => value;
    }
    case "identifier": {
      const name = expr.name;
      return located(expr.loc, (env, ctx) => env.lookup(name, ctx));
    }
    case "list": {
      const items = expr.items.map(sub);
      return (env, ctx) => items.map((item) => item(env, ctx));
    }
    case "map": {
      const entries = expr.entries.map((e) => ({ key: sub(e.key), value: sub(e.value) }));
      return located(expr.loc, (env, ctx) => {
        const map = new Map<string, Value>();
        for (const entry of entries) {
          const key = entry.key(env, ctx);
          if (typeof key !== "string")
            throw new RulesEvalError(`map keys must be strings, got ${typeOf(key)}`);
          map.set(key, entry.value(env, ctx));
        }
        return new RMap(map);
      });
    }
    case "path":
      return located(expr.loc, compilePathLiteral(expr.segments, sub));
    case "member": {
      const object = sub(expr.object);
      const property = expr.property;
      return located(expr.loc, (env, ctx) => index(object(env, ctx), property));
    }
    case "index": {
      const object = sub(expr.object);
      const key = sub(expr.index);
      return located(expr.loc, (env, ctx) => index(object(env, ctx), key(env, ctx)));
    }
    case "slice": {
      const object = sub(expr.object);
      const start = sub(expr.start);
      const end = sub(expr.end);
      return located(expr.loc, (env, ctx) =>
        slice(object(env, ctx), start(env, ctx), end(env, ctx)),
      );
    }
    case "call":
      return located(expr.loc, compileCall(expr, scope, options, sub));
    case "unary": {
      const operand = sub(expr.operand);
      const op = expr.operator === "!" ? not : negate;
      return located(expr.loc, (env, ctx) => op(operand(env, ctx)));
    }
    case "is": {
      const operand = sub(expr.operand);
      const typeName = expr.typeName;
      return located(expr.loc, (env, ctx) => {
        const value = operand(env, ctx);
        return value instanceof RConstraint
          ? isConstraint(value, typeName)
          : isType(value, typeName);
      });
    }
    case "ternary":
      return located(
        expr.loc,
        compileTernary(sub(expr.test), sub(expr.consequent), sub(expr.alternate)),
      );
    case "binary":
      return located(expr.loc, compileBinary(expr.operator, sub(expr.left), sub(expr.right)));
  }
}

type Relation = "<" | "<=" | ">" | ">=";
const RELATIONS: Record<Relation, (order: number) => boolean> = {
  "<": (o) => o < 0,
  "<=": (o) => o <= 0,
  ">": (o) => o > 0,
  ">=": (o) => o >= 0,
};

function compileBinary(
  operator: Extract<Expr, { kind: "binary" }>["operator"],
  l: Compiled,
  r: Compiled,
): Compiled {
  switch (operator) {
    case "&&":
    case "||":
      return compileLogical(l, r, operator);
    case "==":
    case "!=": {
      const negate = operator === "!=";
      return (env, ctx) => {
        const a = l(env, ctx);
        const b = r(env, ctx);
        // A list query's constrained field: true only if it holds for every document.
        if (a instanceof RConstraint || b instanceof RConstraint)
          return equalsConstraint(a, b, negate);
        return valuesEqual(a, b) !== negate;
      };
    }
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const holds = RELATIONS[operator];
      return (env, ctx) => {
        const a = l(env, ctx);
        const b = r(env, ctx);
        if (a instanceof RConstraint || b instanceof RConstraint)
          return compareConstraint(operator, a, b);
        return holds(compareValues(a, b));
      };
    }
    case "in":
      return (env, ctx) => {
        const needle = l(env, ctx);
        const haystack = r(env, ctx);
        if (needle instanceof RConstraint || haystack instanceof RConstraint) {
          return containsConstraint(haystack, needle);
        }
        return contains(haystack, needle);
      };
    default: {
      const op = ARITHMETIC[operator];
      return (env, ctx) => {
        ctx.tick();
        return op(l(env, ctx), r(env, ctx));
      };
    }
  }
}

function compilePathLiteral(segments: PathLiteralSegment[], sub: (e: Expr) => Compiled): Compiled {
  const compiled = segments.map((segment) =>
    segment.parts.map((part) => (part.kind === "text" ? part.text : sub(part.expr))),
  );
  return (env, ctx) => {
    const out: string[] = [];
    for (const parts of compiled) {
      if (parts.length === 1 && typeof parts[0] !== "string") {
        const value = parts[0]!(env, ctx);
        if (value instanceof RPath) {
          out.push(...value.segments);
          continue;
        }
        out.push(segmentText(value));
        continue;
      }
      out.push(parts.map((p) => (typeof p === "string" ? p : segmentText(p(env, ctx)))).join(""));
    }
    return new RPath(out);
  };
}

function segmentText(value: Value): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new RulesEvalError(`a path segment '$(…)' must be a string, got ${typeOf(value)}`);
}
