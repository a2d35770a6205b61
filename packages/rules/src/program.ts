import { compileTree, type CompiledTree } from "./eval/compile-ruleset.js";
import { evaluateTree, type EvaluationInput, type Verdict } from "./eval/evaluate.js";
import type { Ruleset, ServiceName } from "./syntax/ast.js";
import { parseRules } from "./syntax/parser.js";

/**
 * A compiled rules file: parse once, compile every condition to closures once, then decide
 * requests with `evaluate`.
 */
export class RulesProgram {
  private readonly tree: CompiledTree;

  private constructor(readonly ast: Ruleset) {
    this.tree = compileTree(ast);
  }

  /**
   * @throws RulesSyntaxError naming `file:line:column` for a malformed file.
   */
  static compile(source: string, file = "rules"): RulesProgram {
    return new RulesProgram(parseRules(source, file));
  }

  static fromAst(ast: Ruleset): RulesProgram {
    return new RulesProgram(ast);
  }

  get service(): ServiceName {
    return this.ast.service.name;
  }

  get version(): "1" | "2" {
    return this.ast.version;
  }

  /** Decides one prepared request. Never throws for a rules-level error: errors deny. */
  evaluate(input: EvaluationInput): Verdict {
    return evaluateTree(this.tree, this.ast.version, input);
  }
}
