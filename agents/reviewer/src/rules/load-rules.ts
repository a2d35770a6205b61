import {
  checkRules,
  isRulesSyntaxError,
  parseRules,
  RulesProgram,
  type Ruleset,
  type ServiceName,
} from "@winky/rules";

/** A rules file that parsed and checked without errors, ready to audit and evaluate. */
export interface LoadedRules {
  file: string;
  ast: Ruleset;
  program: RulesProgram;
}

/**
 * Parses and checks one rules file. Findings: a syntax error, the wrong service, or each
 * checker error (warnings such as an unused function are style, not a review failure). The
 * rules are returned only when there are none, since the audit needs a sound file.
 */
export function loadRules(
  file: string,
  source: string,
  service: ServiceName,
): { rules?: LoadedRules; findings: string[] } {
  let ast: Ruleset;
  try {
    ast = parseRules(source, file);
  } catch (e) {
    if (!isRulesSyntaxError(e)) throw e;
    const { line, column } = e.location;
    return { findings: [`rules: ${file}:${line}:${column}: does not parse: ${e.reason}`] };
  }
  if (ast.service.name !== service) {
    return {
      findings: [`rules: ${file}: declares service ${ast.service.name}, expected ${service}`],
    };
  }
  const errors = checkRules(ast, source).filter((d) => d.severity === "error");
  if (errors.length > 0) {
    return {
      findings: errors.map(
        (d) => `rules: ${d.file}:${d.line}:${d.column}: ${d.message} [${d.code}]`,
      ),
    };
  }
  return { rules: { file, ast, program: RulesProgram.fromAst(ast) }, findings: [] };
}
