/** What the review returns, section by section. */

/** One part of the review: passed, or failed with one finding per problem. */
export interface ReviewSection {
  ok: boolean;
  findings: string[];
}

/**
 * The review's verdict. `findings` is every section's findings in a fixed order (secrets,
 * rules, coverage, typecheck), each prefixed with its section (`secrets:`, `rules:`,
 * `coverage:`, `typecheck:`), worded the same for the same input so the orchestrator can tell
 * a repeated failure from a new one.
 */
export interface ReviewReport {
  ok: boolean;
  /** One line for people: "review passed" or "review found 3 problems (rules 2, coverage 1)". */
  summary: string;
  findings: string[];
  sections: {
    secrets: ReviewSection;
    rules: ReviewSection;
    coverage: ReviewSection;
    typecheck: ReviewSection;
  };
}

/** The test step's report, as the orchestrator keeps it (`CheckReport`): what the review reads. */
export interface TestReport {
  ok: boolean;
  summary: string;
  findings: string[];
}

/** The generated app: file contents by posix path (what `generateApp(plan).files` returns). */
export type AppFiles = Readonly<Record<string, string>>;

/** A section from its findings: ok when there are none. */
export function toSection(findings: string[]): ReviewSection {
  return { ok: findings.length === 0, findings };
}
