import type { FunctionDeclaration } from "../syntax/ast.js";
import { RulesEvalError } from "../values/errors.js";
import type { Value } from "../values/value.js";
import type { RunContext } from "./context.js";

/** A compiled expression: evaluated against the variables in scope and the request's context. */
export type Compiled = (env: Env, ctx: RunContext) => Value;

/** A user function; its body is compiled after every declaration is known (forward calls). */
export interface CompiledFunction {
  declaration: FunctionDeclaration;
  /** The scope the function was declared in: its body sees that scope's variables. */
  declaredIn: Scope;
  /** The function's own scope: its parameters and lets. */
  own: Scope;
  lets: Compiled[];
  body: Compiled;
}

/**
 * A compile-time scope: the global scope, the service, each match block, each function body.
 * It knows which names are variables (wildcards, parameters, lets) and which functions are
 * declared, so names resolve once, at compile time.
 */
export class Scope {
  readonly functions = new Map<string, CompiledFunction>();
  readonly variables = new Set<string>();

  constructor(readonly parent: Scope | undefined) {}

  findFunction(name: string): CompiledFunction | undefined {
    return this.functions.get(name) ?? this.parent?.findFunction(name);
  }

  /** True when `name` is a variable here or in an enclosing scope, nearer than any function. */
  hasVariable(name: string): boolean {
    return this.variables.has(name) || (this.parent?.hasVariable(name) ?? false);
  }
}

/** The runtime counterpart of a scope: its variables' values, linked to the enclosing ones. */
export class Env {
  constructor(
    readonly scope: Scope,
    readonly vars: Map<string, Value> | undefined,
    readonly parent: Env | undefined,
  ) {}

  lookup(name: string, ctx: RunContext): Value {
    if (this.vars?.has(name)) return this.vars.get(name)!;
    for (let e = this.parent; e; e = e.parent) {
      const vars = e.vars;
      if (vars !== undefined && vars.has(name)) return vars.get(name)!;
    }
    const global = ctx.globals.get(name);
    if (global !== undefined || ctx.globals.has(name)) return global!;
    throw new RulesEvalError(`Variable '${name}' is not defined.`);
  }

  /** The environment of `scope` among this one and its ancestors. */
  find(scope: Scope): Env {
    if (this.scope === scope) return this;
    for (let e = this.parent; e; e = e.parent) if (e.scope === scope) return e;
    throw new RulesEvalError("internal: a function was called outside its scope");
  }
}
