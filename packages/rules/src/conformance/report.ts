import type { CaseResult } from "./run-cases.js";

/**
 * A failing case as a developer wants to read it: what was expected, what we decided, and the
 * trace — every allow tried, where, and why it did not grant.
 */
export function formatCaseFailure(result: CaseResult): string {
  const lines = [`✗ ${result.folder}: ${result.description}`];
  lines.push(`  expected ${result.expected}, got ${result.actual}`);
  result.verdicts.forEach((verdict, i) => {
    if (result.verdicts.length > 1) lines.push(`  query disjunct ${i + 1}:`);
    if (verdict.matched.length === 0) lines.push("    no match block matches this path");
    else if (verdict.attempts.length === 0) {
      lines.push(
        `    matched ${verdict.matched.join(", ")}, but no allow there covers this method`,
      );
    }
    for (const a of verdict.attempts) {
      const where = `${a.location.line}:${a.location.column}`;
      const head = `    allow ${a.methods.join(", ")} @ ${where} in match ${a.match}: ${a.outcome}`;
      lines.push(head);
      if (a.falseAt) {
        const at = `${a.falseAt.location.line}:${a.falseAt.location.column}`;
        lines.push(`      false: ${a.falseAt.expression} @ ${at}`);
      }
      if (a.error) {
        const at = a.error.location ? ` @ ${a.error.location.line}:${a.error.location.column}` : "";
        lines.push(`      ${a.error.message}${at}`);
      }
    }
    for (const d of verdict.debug) lines.push(`    debug: ${d}`);
  });
  return lines.join("\n");
}
