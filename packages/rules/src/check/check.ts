/**
 * The static checker: finds, without running a request, what would fail or mislead at run
 * time (undefined names, wrong arities, recursion, production's limits, wrong-service
 * built-ins, paths that cannot match) and reports it like a compiler.
 */
import type { Ruleset } from "../syntax/ast.js";
import { checkCallGraph } from "./call-graph.js";
import { compareDiagnostics, Reporter, type Diagnostic } from "./diagnostics.js";
import { checkFunction, declareFunctions } from "./functions.js";
import { checkMatches } from "./matches.js";
import { Scope, type CheckContext } from "./scopes.js";

export type { Diagnostic, Severity } from "./diagnostics.js";

/**
 * Checks a parsed rules file and returns its diagnostics sorted by position. Never throws for
 * an AST that `parseRules` produced.
 *
 * @param ast - the file as `parseRules` returned it; `ast.file` names it in diagnostics.
 * @param source - the text it was parsed from, for excerpts and exact columns.
 */
export function checkRules(ast: Ruleset, source: string): Diagnostic[] {
  const ctx: CheckContext = {
    ruleset: ast,
    service: ast.service.name,
    reporter: new Reporter(ast.file, source),
    functions: [],
    conditionCalls: [],
  };
  // Scopes nest as the evaluator's do: global functions, then the service, then matches.
  const global = new Scope(undefined);
  for (const fn of declareFunctions(ctx, global, ast.functions)) checkFunction(ctx, fn);
  const service = new Scope(global);
  for (const fn of declareFunctions(ctx, service, ast.service.functions)) checkFunction(ctx, fn);
  checkMatches(ctx, service, ast.service.matches);
  checkCallGraph(ctx);
  return [...ctx.reporter.diagnostics].sort(compareDiagnostics);
}

/**
 * One diagnostic as a compiler prints it:
 * `firestore.rules:4:22: error: undefined function isOwner() [undefined-function]`, then the
 * source line with a caret under the column.
 */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]\n${d.excerpt}`;
}
