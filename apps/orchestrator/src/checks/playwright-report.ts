import { firstLine } from "./vitest-report.js";

/** The parts of Playwright's JSON report the smoke check reads. */
interface PlaywrightSuite {
  title?: string;
  file?: string;
  specs?: Array<{
    title?: string;
    file?: string;
    tests?: Array<{
      status?: string;
      projectName?: string;
      results?: Array<{
        status?: string;
        error?: { message?: string };
        errors?: Array<{ message?: string }>;
        attachments?: Array<{ name?: string; path?: string; contentType?: string }>;
      }>;
    }>;
  }>;
  suites?: PlaywrightSuite[];
}
interface PlaywrightJson {
  suites?: PlaywrightSuite[];
  errors?: Array<{ message?: string }>;
}

export interface SmokeOutcome {
  passed: number;
  failed: number;
  /** One line per failing scenario (its title and first error), and per run-level error. */
  findings: string[];
  /** The scenarios' screenshots, as paths in the job (`/workspace/.winky-check/results/…`). */
  screenshots: ScenarioShot[];
}

/** A PNG a scenario attached (Playwright's own at its end, or the spec's), and how it ended. */
export interface ScenarioShot {
  /** As the job wrote it in the report: not trusted, see `keepScreenshots`. */
  path: string;
  scenario: string;
  passed: boolean;
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes are control sequences
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The line that says what the step waited for: Playwright's `Locator: …` line, or the first
 * `- waiting for …` of its call log.
 */
function locatorLine(message: string): string {
  const lines = message.split(/\r?\n/).map((l) => l.trim());
  const locator = lines.find((l) => l.startsWith("Locator:"));
  if (locator) return locator;
  const waiting = lines.find((l) => l.startsWith("- waiting for"));
  return waiting ? waiting.slice(2) : "";
}

/** "Error: expect(locator).toBeVisible() failed (Locator: getByRole('button', …))". */
export function describeError(raw: string | undefined): string {
  const message = (raw ?? "").replace(ANSI, "");
  const first = firstLine(message);
  const locator = locatorLine(message);
  return locator && !first.includes(locator) ? `${first} (${locator})` : first;
}

/**
 * Passed and failed scenarios from Playwright's JSON report (a scenario is a test; retries
 * are off, so its last result decides). Skipped tests count as neither.
 *
 * @throws SyntaxError when `text` is not JSON.
 */
export function parsePlaywrightJson(text: string): SmokeOutcome {
  const report = JSON.parse(text) as PlaywrightJson;
  const outcome: SmokeOutcome = { passed: 0, failed: 0, findings: [], screenshots: [] };
  const visit = (suite: PlaywrightSuite, titles: string[]) => {
    const path =
      suite.title && !suite.file?.endsWith(suite.title) ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      const name = [...path, spec.title ?? "(unnamed scenario)"].join(" › ");
      for (const test of spec.tests ?? []) {
        if (test.status === "skipped") continue;
        const last = test.results?.at(-1);
        const passed = test.status === "expected" || test.status === "flaky";
        for (const a of test.results?.flatMap((r) => r.attachments ?? []) ?? []) {
          if (a.path && a.contentType === "image/png") {
            outcome.screenshots.push({ path: a.path, scenario: name, passed });
          }
        }
        if (passed) {
          outcome.passed += 1;
          continue;
        }
        outcome.failed += 1;
        const error = last?.error?.message ?? last?.errors?.[0]?.message;
        const why = describeError(error) || `ended ${last?.status ?? test.status ?? "unknown"}`;
        outcome.findings.push(`smoke scenario failed: ${name}: ${why}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, path);
  };
  for (const suite of report.suites ?? []) visit(suite, []);
  for (const error of report.errors ?? []) {
    outcome.findings.push(`smoke run failed: ${describeError(error.message)}`);
  }
  return outcome;
}
