/**
 * Static scopes, mirroring the evaluator's (eval/scope.ts): the global scope, the service, each
 * match block (its wildcards), each function body (its parameters and lets). Names resolve
 * upward only, and a function may be called before its declaration in the same scope.
 */
import type { FunctionDeclaration, Ruleset, ServiceName, SourceLocation } from "../syntax/ast.js";
import type { Reporter } from "./diagnostics.js";

/** What introduced a variable: a match wildcard, a function parameter, or a `let`. */
export type VariableKind = "wildcard" | "parameter" | "let";

/** A user function and what the checker learns about it while walking the file. */
export interface FunctionInfo {
  declaration: FunctionDeclaration;
  /** Where the function's name is written (after `function`). */
  nameLocation: SourceLocation;
  /** The scope it is declared in; calls from its body resolve from there. */
  declaredIn: Scope;
  /** Set when a later declaration of the same name in the same scope replaces this one. */
  replaced: boolean;
  /** User-function calls in its lets and body, in source order. */
  calls: CallSite[];
  /** Calls to it from anywhere but its own body. */
  callers: number;
}

/** One call of a user function: kept on the calling function, or on the context for a condition. */
export interface CallSite {
  callee: FunctionInfo;
  location: SourceLocation;
}

/** One scope: its variables and the functions declared directly in it. */
export class Scope {
  readonly functions = new Map<string, FunctionInfo>();
  readonly variables = new Map<string, VariableKind>();

  constructor(readonly parent: Scope | undefined) {}

  findFunction(name: string): FunctionInfo | undefined {
    return this.functions.get(name) ?? this.parent?.findFunction(name);
  }

  /** The kind of the nearest variable named `name`, if any. */
  findVariable(name: string): VariableKind | undefined {
    return this.variables.get(name) ?? this.parent?.findVariable(name);
  }
}

/** State shared by every part of one check. */
export interface CheckContext {
  ruleset: Ruleset;
  service: ServiceName;
  reporter: Reporter;
  /** Every user function, in the order they were declared to the checker. */
  functions: FunctionInfo[];
  /** User-function calls made directly from `allow` conditions. */
  conditionCalls: CallSite[];
}

/**
 * Where an expression is being checked: its scope, the function whose body it belongs to (for
 * the call graph), and lets of that function that are declared further down (so a use before
 * the binding gets a precise message).
 */
export interface ExpressionSite {
  scope: Scope;
  owner: FunctionInfo | undefined;
  laterLets: ReadonlySet<string>;
}

/** `request` and `resource` are the service's globals: hiding them is legal but confusing. */
export function warnIfShadowsGlobal(
  ctx: CheckContext,
  name: string,
  location: SourceLocation,
  kind: VariableKind,
): void {
  if (name !== "request" && name !== "resource") return;
  ctx.reporter.warning(
    "shadows-global",
    location,
    `${kind} '${name}' hides the global '${name}' in this scope`,
  );
}
