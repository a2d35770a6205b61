/**
 * Calls, resolved as the evaluator resolves them (eval/calls.ts): a name that is a variable
 * cannot be called; otherwise the innermost user function wins, then the service's lookups
 * (`get()` in Firestore, `firestore.get()` in Storage), then global functions and namespaces.
 * Anything else is a method on a value, whose type is rarely known before run time.
 */
import type { Expr, SourceLocation } from "../syntax/ast.js";
import {
  ALL_METHOD_NAMES,
  builtinArity,
  FIRESTORE_LOOKUPS,
  isKnownGlobal,
  literalType,
  METHODS,
  NAMESPACES,
  STORAGE_LOOKUPS,
  typeHasMethod,
  UNSUPPORTED_FUNCTIONS,
} from "./builtins.js";
import type { CheckContext, ExpressionSite, FunctionInfo } from "./scopes.js";

type CallExpr = Extract<Expr, { kind: "call" }>;
type MemberExpr = Extract<Expr, { kind: "member" }>;

/** Checks the callee of `expr` and walks its arguments with `sub`. */
export function checkCall(
  ctx: CheckContext,
  site: ExpressionSite,
  expr: CallExpr,
  sub: (e: Expr) => void,
): void {
  const callee = expr.callee;
  const count = expr.args.length;
  if (callee.kind === "identifier") checkNamedCall(ctx, site, callee.name, callee.loc, count);
  else if (callee.kind === "member") checkMemberCall(ctx, site, callee, count, sub);
  else {
    ctx.reporter.error("not-callable", callee.loc, "only functions and methods can be called");
    sub(callee);
  }
  expr.args.forEach(sub);
}

function checkNamedCall(
  ctx: CheckContext,
  site: ExpressionSite,
  name: string,
  location: SourceLocation,
  count: number,
): void {
  const variable = site.scope.findVariable(name);
  if (variable) {
    // The evaluator resolves a called name that is also a variable to the variable.
    ctx.reporter.error(
      "not-callable",
      location,
      `'${name}' is a ${variable} here, not a function, so it cannot be called`,
    );
    return;
  }
  const fn = site.scope.findFunction(name);
  if (fn) return checkUserCall(ctx, site, fn, location, count);
  if (FIRESTORE_LOOKUPS.has(name)) {
    if (ctx.service === "cloud.firestore") return checkArity(ctx, name, location, count);
    const instead = STORAGE_LOOKUPS.has(name) ? `; Storage rules use firestore.${name}()` : "";
    ctx.reporter.error(
      "wrong-service",
      location,
      `${name}() exists only in Firestore rules${instead}`,
    );
    return;
  }
  checkBuiltinCall(ctx, name, location, count);
}

function checkMemberCall(
  ctx: CheckContext,
  site: ExpressionSite,
  callee: MemberExpr,
  count: number,
  sub: (e: Expr) => void,
): void {
  const target = callee.object;
  const name = callee.property;
  if (target.kind === "identifier" && !site.scope.findVariable(target.name)) {
    const qualified = `${target.name}.${name}`;
    if (target.name === "firestore") {
      if (!STORAGE_LOOKUPS.has(name)) {
        ctx.reporter.error("undefined-function", target.loc, `undefined function ${qualified}()`);
      } else if (ctx.service === "firebase.storage") {
        checkArity(ctx, qualified, target.loc, count);
      } else {
        ctx.reporter.error(
          "wrong-service",
          target.loc,
          `${qualified}() exists only in Storage rules; Firestore rules call ${name}() directly`,
        );
      }
      return;
    }
    if (NAMESPACES.has(target.name)) return checkBuiltinCall(ctx, qualified, target.loc, count);
  }
  sub(target);
  checkMethod(ctx, site, callee);
}

function checkBuiltinCall(
  ctx: CheckContext,
  qualified: string,
  location: SourceLocation,
  count: number,
): void {
  if (UNSUPPORTED_FUNCTIONS.has(qualified)) {
    // A warning, not an error: production compiles such a file (the conformance case
    // ast-strictness-and-unsupported-casts runs there) and fails only when the call runs.
    ctx.reporter.warning(
      "unsupported-function",
      location,
      `${qualified}() is documented, but production reports "Function not found error: ` +
        `Name: [${qualified}]." (reference §14.8): every call fails`,
    );
    return;
  }
  if (isKnownGlobal(qualified)) return checkArity(ctx, qualified, location, count);
  const hint = ALL_METHOD_NAMES.has(qualified)
    ? ` (${qualified} is a method: x.${qualified}())`
    : "";
  ctx.reporter.error("undefined-function", location, `undefined function ${qualified}()${hint}`);
}

function checkUserCall(
  ctx: CheckContext,
  site: ExpressionSite,
  fn: FunctionInfo,
  location: SourceLocation,
  count: number,
): void {
  const { name, params } = fn.declaration;
  if (count !== params.length) {
    ctx.reporter.error(
      "wrong-arity",
      location,
      `${name}() takes ${plural(params.length, "argument")} but is called with ${count} ` +
        `(declared at line ${fn.nameLocation.line})`,
    );
  }
  const call = { callee: fn, location };
  if (site.owner) site.owner.calls.push(call);
  else ctx.conditionCalls.push(call);
  if (fn !== site.owner) fn.callers++;
}

function checkArity(ctx: CheckContext, name: string, location: SourceLocation, count: number) {
  const expected = builtinArity(name);
  if (expected === undefined || expected === count) return;
  ctx.reporter.error(
    "wrong-arity",
    location,
    `${name}() takes ${plural(expected, "argument")}, got ${count}`,
  );
}

/**
 * A method name must exist on some type. Where the receiver's type is certain (a literal) the
 * method must exist on that type; where it is a well-known map (`resource.data`…) a missing
 * map method is only a warning, since production compiles it and fails at run time (the
 * conformance case ast-strictness-and-unsupported-casts calls `request.resource.data.hasAll`).
 */
function checkMethod(ctx: CheckContext, site: ExpressionSite, callee: MemberExpr): void {
  const name = callee.property;
  const location = ctx.reporter.nameAfter(callee.loc, ".");
  if (!ALL_METHOD_NAMES.has(name)) {
    ctx.reporter.error("unknown-method", location, `unknown method ${name}(): no type has it`);
    return;
  }
  const type = literalType(callee.object);
  if (type !== undefined) {
    if (typeHasMethod(type, name)) return;
    const own = METHODS[type];
    const list = own ? `its methods: ${[...own].join(", ")}` : "it has no methods";
    ctx.reporter.error("method-not-on-type", location, `${type} has no method ${name}() (${list})`);
    return;
  }
  const map = knownMap(ctx, site, callee.object);
  if (map && !typeHasMethod("map", name)) {
    ctx.reporter.warning(
      "method-not-on-type",
      location,
      `${map} is a map, and maps have no ${name}(); production reports ` +
        `"Function not found error: Name: [${name}]." (reference §8 map)`,
    );
  }
}

const KNOWN_MAPS: Record<string, ReadonlySet<string>> = {
  "cloud.firestore": new Set(["request.auth.token", "resource.data", "request.resource.data"]),
  "firebase.storage": new Set([
    "request.auth.token",
    "resource.metadata",
    "request.resource.metadata",
  ]),
};

/** `resource.data` and friends, written out, when `expr` is one (and not shadowed). */
function knownMap(ctx: CheckContext, site: ExpressionSite, expr: Expr): string | undefined {
  const names: string[] = [];
  let e = expr;
  for (; e.kind === "member"; e = e.object) names.unshift(e.property);
  if (e.kind !== "identifier" || site.scope.findVariable(e.name)) return undefined;
  const text = [e.name, ...names].join(".");
  return KNOWN_MAPS[ctx.service]?.has(text) ? text : undefined;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
