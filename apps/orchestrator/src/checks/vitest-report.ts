/** The parts of vitest's `--reporter=json` output (Jest's format) the checks read. */
interface VitestJson {
  numTotalTests?: number;
  numPassedTests?: number;
  numFailedTests?: number;
  testResults?: Array<{
    name?: string;
    status?: string;
    message?: string;
    assertionResults?: Array<{
      fullName?: string;
      title?: string;
      status?: string;
      failureMessages?: string[];
    }>;
  }>;
}

export interface UnitTestOutcome {
  passed: number;
  failed: number;
  total: number;
  /** One line per failing test, or per test file that failed before its tests ran. */
  findings: string[];
}

/** The first line of an error worth reading (a message, not a stack frame). */
export function firstLine(text: string | undefined): string {
  const line = (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== "" && !l.startsWith("at "));
  return (line ?? "").slice(0, 300);
}

/** A file path relative to the job's workspace. */
function relative(file: string | undefined): string {
  return (file ?? "?").replace(/^\/workspace\//, "");
}

/**
 * Counts and failing tests from vitest's JSON report; `text` is the file vitest wrote.
 *
 * @throws SyntaxError when `text` is not JSON (the caller reports the run as broken).
 */
export function parseVitestJson(text: string): UnitTestOutcome {
  const report = JSON.parse(text) as VitestJson;
  const findings: string[] = [];
  let failedFiles = 0;
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    for (const test of tests.filter((t) => t.status === "failed")) {
      const name = test.fullName || test.title || "(unnamed test)";
      const why = firstLine(test.failureMessages?.[0]);
      findings.push(`test failed: ${relative(file.name)} › ${name}${why ? `: ${why}` : ""}`);
    }
    if (file.status === "failed" && !tests.some((t) => t.status === "failed")) {
      // The file failed to load or a hook threw: no test ran to carry the error.
      failedFiles += 1;
      findings.push(`test file failed: ${relative(file.name)}: ${firstLine(file.message)}`);
    }
  }
  const passed = report.numPassedTests ?? 0;
  const failed = (report.numFailedTests ?? 0) + failedFiles;
  return { passed, failed, total: report.numTotalTests ?? passed + failed, findings };
}
