import type { Expr, FunctionDeclaration, MatchBlock, Ruleset } from "../syntax/ast.js";
import { printExpression } from "../syntax/printer.js";
import type { CompileOptions } from "./calls.js";
import { compileExpression } from "./compile-expression.js";
import { expandMethods, MatchIndex, patternText, type CompiledMatch } from "./match-tree.js";
import { Scope, type CompiledFunction } from "./scope.js";

export interface CompiledTree {
  global: Scope;
  service: Scope;
  matches: MatchIndex;
}

/**
 * Compiles every condition and function body to closures, once. Two passes: first every
 * function is declared in its scope (so calls may come before definitions, as production
 * allows), then bodies and conditions are compiled.
 */
export function compileTree(ruleset: Ruleset): CompiledTree {
  const options: CompileOptions = { service: ruleset.service.name };
  const pending: Array<() => void> = [];
  const declare = (scope: Scope, declarations: FunctionDeclaration[]) => {
    for (const declaration of declarations) {
      const own = new Scope(scope);
      for (const p of declaration.params) own.variables.add(p.name);
      for (const l of declaration.lets) own.variables.add(l.name);
      const fn: CompiledFunction = {
        declaration,
        declaredIn: scope,
        own,
        lets: [],
        body: () => null,
      };
      scope.functions.set(declaration.name, fn);
      pending.push(() => {
        fn.lets = declaration.lets.map((l) => compileExpression(l.value, own, options));
        fn.body = compileExpression(declaration.body, own, options);
      });
    }
  };
  const global = new Scope(undefined);
  declare(global, ruleset.functions);
  const service = new Scope(global);
  declare(service, ruleset.service.functions);

  const build = (block: MatchBlock, parent: Scope, prefix: string): CompiledMatch => {
    const scope = new Scope(parent);
    for (const segment of block.path)
      if (segment.kind !== "literal") scope.variables.add(segment.name);
    declare(scope, block.functions);
    const label = prefix + patternText(block.path);
    const compiled: CompiledMatch = {
      pattern: block.path,
      label,
      scope,
      allows: [],
      children: new MatchIndex(block.matches.map((child) => build(child, scope, label))),
    };
    pending.push(() => {
      compiled.allows = block.allows.map((allow) => ({
        methods: expandMethods(allow.methods.map((m) => m.name)),
        methodsText: allow.methods.map((m) => m.name),
        condition: allow.condition && compileExpression(allow.condition, scope, options),
        location: allow.loc,
        conjuncts: conjunctsOf(allow.condition).map((e) => ({
          compiled: compileExpression(e, scope, options),
          text: printExpression(e),
          location: startOf(e),
        })),
      }));
    });
    return compiled;
  };
  const matches = new MatchIndex(ruleset.service.matches.map((block) => build(block, service, "")));
  for (const compile of pending) compile();
  return { global, service, matches };
}

/** `a && b && c` → [a, b, c]; anything else is one operand (or none without a condition). */
function conjunctsOf(condition: Expr | undefined): Expr[] {
  if (!condition) return [];
  if (condition.kind === "binary" && condition.operator === "&&") {
    return [...conjunctsOf(condition.left), ...conjunctsOf(condition.right)];
  }
  return [condition];
}

/** Where an expression's text begins: binary and postfix nodes are located at their operator. */
function startOf(e: Expr): Expr["loc"] {
  switch (e.kind) {
    case "binary":
      return startOf(e.left);
    case "is":
      return startOf(e.operand);
    case "ternary":
      return startOf(e.test);
    case "member":
    case "index":
    case "slice":
      return startOf(e.object);
    case "call":
      return startOf(e.callee);
    default:
      return e.loc;
  }
}
