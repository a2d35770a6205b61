/** The static checker for rules files: `checkRules(parseRules(source), source)`. */
export { checkRules, formatDiagnostic } from "./check.js";
export type { Diagnostic, Severity } from "./check.js";
