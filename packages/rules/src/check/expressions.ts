/**
 * Walks expressions: identifiers must resolve, `is` needs a known type, map-literal keys must
 * be strings, and calls are handed to calls.ts.
 */
import type { Expr } from "../syntax/ast.js";
import { GLOBAL_VARIABLES, literalType, NAMESPACES, TYPE_NAMES } from "./builtins.js";
import { checkCall } from "./calls.js";
import type { CheckContext, ExpressionSite } from "./scopes.js";

/** Checks `expr` and everything inside it. */
export function checkExpression(ctx: CheckContext, site: ExpressionSite, expr: Expr): void {
  const sub = (e: Expr) => checkExpression(ctx, site, e);
  switch (expr.kind) {
    case "literal":
      return;
    case "identifier":
      return checkIdentifier(ctx, site, expr);
    case "list":
      return expr.items.forEach(sub);
    case "map":
      for (const entry of expr.entries) {
        checkMapKey(ctx, entry.key);
        sub(entry.key);
        sub(entry.value);
      }
      return;
    case "path":
      for (const segment of expr.segments) {
        for (const part of segment.parts) if (part.kind === "interpolation") sub(part.expr);
      }
      return;
    case "member":
      return sub(expr.object);
    case "index":
      sub(expr.object);
      return sub(expr.index);
    case "slice":
      sub(expr.object);
      sub(expr.start);
      return sub(expr.end);
    case "call":
      return checkCall(ctx, site, expr, sub);
    case "unary":
      return sub(expr.operand);
    case "binary":
      sub(expr.left);
      return sub(expr.right);
    case "is":
      sub(expr.operand);
      if (!TYPE_NAMES.has(expr.typeName)) {
        ctx.reporter.error(
          "unknown-type",
          ctx.reporter.nameAfter(expr.loc, "is"),
          `unknown type '${expr.typeName}' after 'is' (known: ${[...TYPE_NAMES].join(", ")})`,
        );
      }
      return;
    case "ternary":
      sub(expr.test);
      sub(expr.consequent);
      return sub(expr.alternate);
  }
}

function checkIdentifier(
  ctx: CheckContext,
  site: ExpressionSite,
  expr: Extract<Expr, { kind: "identifier" }>,
): void {
  const name = expr.name;
  if (site.scope.findVariable(name) || GLOBAL_VARIABLES.has(name)) return;
  let message = `undefined variable '${name}'`;
  if (site.laterLets.has(name)) {
    message = `'${name}' is used before its let binding (lets are evaluated in order)`;
  } else if (NAMESPACES.has(name) || name === "firestore") {
    message = `'${name}' is a namespace, not a variable: call one of its functions, as in ${name}.fn(…)`;
  } else if (site.scope.findFunction(name)) {
    message = `'${name}' is a function, not a variable: call it as ${name}(…)`;
  }
  ctx.reporter.error("undefined-variable", expr.loc, message);
}

/** Map keys are strings; production rejects others when the map is built (reference §1). */
function checkMapKey(ctx: CheckContext, key: Expr): void {
  const type = literalType(key);
  if (type === undefined || type === "string") return;
  ctx.reporter.error(
    "map-key-not-string",
    key.loc,
    `map keys must be strings, this key is ${describe(type)}`,
  );
}

function describe(type: string): string {
  return type === "null" ? "null" : `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
}
