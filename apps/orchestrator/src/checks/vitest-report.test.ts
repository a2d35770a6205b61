import { describe, expect, it } from "vitest";
import { firstLine, parseVitestJson } from "./vitest-report.js";

describe("parseVitestJson", () => {
  it("counts tests and names each failing one with its first error line", () => {
    const report = {
      numTotalTests: 3,
      numPassedTests: 2,
      numFailedTests: 1,
      testResults: [
        {
          name: "/workspace/src/models/note.test.ts",
          status: "failed",
          assertionResults: [
            { fullName: "note validates", status: "passed", failureMessages: [] },
            {
              fullName: "note rejects an empty title",
              status: "failed",
              failureMessages: ["AssertionError: expected 2 to be 3\n    at note.test.ts:4:5"],
            },
          ],
        },
        {
          name: "/workspace/src/a.test.ts",
          status: "passed",
          assertionResults: [{ status: "passed" }],
        },
      ],
    };
    expect(parseVitestJson(JSON.stringify(report))).toEqual({
      passed: 2,
      failed: 1,
      total: 3,
      findings: [
        "test failed: src/models/note.test.ts › note rejects an empty title: " +
          "AssertionError: expected 2 to be 3",
      ],
    });
  });

  it("reports a test file that failed before any test ran", () => {
    const report = {
      numTotalTests: 0,
      numPassedTests: 0,
      numFailedTests: 0,
      testResults: [
        {
          name: "/workspace/src/broken.test.ts",
          status: "failed",
          message: "Failed to load url ./missing (resolved id: ./missing)",
          assertionResults: [],
        },
      ],
    };
    expect(parseVitestJson(JSON.stringify(report))).toMatchObject({
      failed: 1,
      findings: [
        "test file failed: src/broken.test.ts: Failed to load url ./missing (resolved id: ./missing)",
      ],
    });
  });

  it("throws on a report that is not JSON", () => {
    expect(() => parseVitestJson("not json")).toThrow(SyntaxError);
  });
});

describe("firstLine", () => {
  it("skips blank lines and stack frames", () => {
    expect(firstLine("\n  at x (y.ts:1:1)\n  Error: boom\n")).toBe("Error: boom");
    expect(firstLine(undefined)).toBe("");
  });
});
