import type { AppPlan } from "@winky/planner";
import { checkCoverage } from "./plan-coverage/check-coverage.js";
import { readWinkyConfig } from "./plan-coverage/winky-config.js";
import { toSection, type AppFiles, type ReviewReport, type TestReport } from "./report.js";
import { auditRules } from "./rules/audit-rules.js";
import { scanSecrets } from "./secrets/scan-secrets.js";
import { foldTypecheck } from "./typecheck.js";

/** What {@link reviewApp} reads besides the plan and the files. */
export interface ReviewOptions {
  /** The test step's report: its typecheck and lint findings join the review's. */
  testReport?: TestReport;
}

const SECTIONS = ["secrets", "rules", "coverage", "typecheck"] as const;

/**
 * Reviews a generated app against its plan: a secret scan, a rules audit (parsed and checked,
 * every model matched, nothing open to everyone that the plan keeps private, and concrete
 * requests each policy must refuse), plan coverage (models, screens, routes, functions,
 * `winky.json`), and the test step's typecheck and lint results. Pure and deterministic: the
 * same input gives the same findings in the same order, one problem per finding, never a
 * secret's value.
 *
 * @example
 * ```ts
 * const { files } = generateApp(plan);
 * const report = reviewApp(plan, files, { testReport });
 * if (!report.ok) sendBackToCoder(report.findings);
 * ```
 */
export function reviewApp(
  plan: AppPlan,
  files: AppFiles,
  options: ReviewOptions = {},
): ReviewReport {
  const winky = readWinkyConfig(files);
  const rulesPaths = {
    firestore: winky.config?.rules.firestore ?? "firestore.rules",
    storage: winky.config?.rules.storage ?? "storage.rules",
  };
  const rules = auditRules(plan, files, rulesPaths);
  const coverage = [
    ...(winky.finding ? [winky.finding] : []),
    ...checkCoverage(
      plan,
      files,
      winky.config,
      rules.creatable ? { creatable: rules.creatable } : {},
    ),
  ];
  const sections = {
    secrets: toSection(scanSecrets(files)),
    rules: toSection(rules.findings),
    coverage: toSection(coverage),
    typecheck: toSection(foldTypecheck(options.testReport)),
  };
  const findings = SECTIONS.flatMap((s) => sections[s].findings);
  const failing = SECTIONS.filter((s) => !sections[s].ok);
  const summary =
    findings.length === 0
      ? "review passed: no secrets, rules sound, plan covered"
      : `review found ${findings.length} problem${findings.length === 1 ? "" : "s"} (${failing
          .map((s) => `${s} ${sections[s].findings.length}`)
          .join(", ")})`;
  return { ok: findings.length === 0, summary, findings, sections };
}
