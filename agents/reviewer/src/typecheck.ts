import type { TestReport } from "./report.js";

/** Lines of a test report that come from the compiler or the linter rather than a test. */
const TOOL_OUTPUT =
  /\berror TS\d+\b|\bTS\d{4,5}:|\btsc\b|\btypecheck\b|\beslint\b|\blint\b|\(\d+,\d+\): error\b/i;

/**
 * The test step's typecheck and lint results as review findings, prefixed `typecheck:`, in
 * the report's order. Failing tests are the test step's own business and are left out.
 */
export function foldTypecheck(report: TestReport | undefined): string[] {
  if (!report) return [];
  return report.findings
    .map((f) => f.trim())
    .filter((f) => f.length > 0 && TOOL_OUTPUT.test(f))
    .map((f) => (f.startsWith("typecheck:") ? f : `typecheck: ${f}`));
}
