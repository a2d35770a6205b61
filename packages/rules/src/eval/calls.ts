import type { Expr, ServiceName } from "../syntax/ast.js";
import { RulesEvalError } from "../values/errors.js";
import { formatValue } from "../values/format.js";
import { callMethod } from "../values/methods.js";
import { callGlobal } from "../values/namespaces.js";
import { RMap, RPath, typeOf, type Value } from "../values/value.js";
import { Env, type Compiled, type CompiledFunction, type Scope } from "./scope.js";

export interface CompileOptions {
  service: ServiceName;
}

/** Namespaces whose functions are called as `ns.fn(…)` unless a variable shadows the name. */
const NAMESPACES = new Set(["math", "timestamp", "duration", "latlng", "hashing"]);

type LookupKind = "get" | "exists" | "getAfter" | "existsAfter";
const FIRESTORE_LOOKUPS = new Set<string>(["get", "exists", "getAfter", "existsAfter"]);

/**
 * Compiles a call. Names resolve now: a user function (innermost declaration wins, wherever
 * it is written), a built-in (`get()`, `debug()`, `int()`, `math.abs()`…), or a method on a value.
 */
export function compileCall(
  expr: Extract<Expr, { kind: "call" }>,
  scope: Scope,
  options: CompileOptions,
  sub: (e: Expr) => Compiled,
): Compiled {
  const args = expr.args.map(sub);
  const callee = expr.callee;
  if (callee.kind === "identifier" && !scope.hasVariable(callee.name)) {
    const name = callee.name;
    const fn = scope.findFunction(name);
    if (fn) return compileUserCall(fn, args);
    if (options.service === "cloud.firestore" && FIRESTORE_LOOKUPS.has(name)) {
      return compileLookup(name as LookupKind, args);
    }
    if (name === "debug") return compileDebug(args);
    return (env, ctx) => {
      const values = args.map((a) => a(env, ctx));
      ctx.tick();
      return callGlobal(name, values);
    };
  }
  if (callee.kind === "member") {
    const target = callee.object;
    const name = callee.property;
    if (target.kind === "identifier" && !scope.hasVariable(target.name)) {
      if (target.name === "firestore" && options.service === "firebase.storage") {
        if (name === "get" || name === "exists") return compileLookup(name, args);
      }
      if (NAMESPACES.has(target.name)) {
        const qualified = `${target.name}.${name}`;
        return (env, ctx) => {
          const values = args.map((a) => a(env, ctx));
          ctx.tick();
          return callGlobal(qualified, values);
        };
      }
    }
    const receiver = sub(target);
    return (env, ctx) => {
      const self = receiver(env, ctx);
      const values = args.map((a) => a(env, ctx));
      ctx.tick();
      return callMethod(self, name, values);
    };
  }
  return () => {
    throw new RulesEvalError("only functions and methods can be called");
  };
}

function compileUserCall(fn: CompiledFunction, args: Compiled[]): Compiled {
  const params = fn.declaration.params.map((p) => p.name);
  const letNames = fn.declaration.lets.map((l) => l.name);
  const name = fn.declaration.name;
  return (env, ctx) => {
    if (args.length !== params.length) {
      throw new RulesEvalError(`${name}() takes ${params.length} arguments, got ${args.length}`);
    }
    const vars = new Map<string, Value>();
    for (let i = 0; i < params.length; i++) vars.set(params[i]!, args[i]!(env, ctx));
    if (++ctx.callDepth > ctx.limits.callDepth) {
      ctx.callDepth--;
      throw new RulesEvalError(`function calls nested deeper than ${ctx.limits.callDepth}`);
    }
    try {
      ctx.tick();
      const local = new Env(fn.own, vars, env.find(fn.declaredIn));
      // Lets are evaluated eagerly, in order, as the docs describe.
      for (let i = 0; i < fn.lets.length; i++) vars.set(letNames[i]!, fn.lets[i]!(local, ctx));
      return fn.body(local, ctx);
    } finally {
      ctx.callDepth--;
    }
  };
}

function compileDebug(args: Compiled[]): Compiled {
  return (env, ctx) => {
    if (args.length !== 1) throw new RulesEvalError(`debug() takes 1 argument, got ${args.length}`);
    const value = args[0]!(env, ctx);
    ctx.debugLog.push(formatValue(value));
    return value;
  };
}

function compileLookup(kind: LookupKind, args: Compiled[]): Compiled {
  const after = kind === "getAfter" || kind === "existsAfter";
  const existence = kind === "exists" || kind === "existsAfter";
  return (env, ctx) => {
    if (args.length !== 1)
      throw new RulesEvalError(`${kind}() takes 1 argument, got ${args.length}`);
    const target = args[0]!(env, ctx);
    if (!(target instanceof RPath)) {
      throw new RulesEvalError(`${kind}() takes a path, got ${typeOf(target)}`);
    }
    const documentPath = documentPathOf(target, kind);
    const data = ctx.lookup(after ? "after" : "current", documentPath);
    if (existence) return data !== undefined;
    // Production errors on a missing document rather than returning null.
    if (data === undefined)
      throw new RulesEvalError(`Null value error: no document at ${target.toString()}`);
    return ctx.lookupIdentity
      ? resourceOf(documentPath, target, data)
      : new RMap(new Map([["data", data]]));
  };
}

/** `/databases/{db}/documents/a/b` → `["a", "b"]`; anything else is an error. */
function documentPathOf(path: RPath, kind: string): string[] {
  const s = path.segments;
  if (s.length < 5 || s[0] !== "databases" || s[2] !== "documents" || (s.length - 3) % 2 !== 0) {
    throw new RulesEvalError(
      `${kind}() needs a full document path /databases/(default)/documents/…, got ${path.toString()}`,
    );
  }
  return s.slice(3);
}

/** A document as rules see it: `data`, `id` and `__name__`. */
export function resourceOf(documentPath: readonly string[], full: RPath, data: Value): RMap {
  return new RMap(
    new Map<string, Value>([
      ["data", data],
      ["id", documentPath[documentPath.length - 1]!],
      ["__name__", full],
    ]),
  );
}
