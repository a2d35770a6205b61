import { describe, expect, it } from "vitest";
import { describeError, parsePlaywrightJson } from "./playwright-report.js";

const spec = (title: string, status: string, result: Record<string, unknown> = {}) => ({
  title,
  tests: [{ status, projectName: "chromium", results: [{ status: "passed", ...result }] }],
});

describe("parsePlaywrightJson", () => {
  it("counts scenarios and names failing ones with their first error and what they waited for", () => {
    const report = {
      suites: [
        {
          title: "app.spec.ts",
          file: "app.spec.ts",
          specs: [
            spec("signs up", "expected"),
            spec("writes a note", "unexpected", {
              status: "failed",
              error: {
                message:
                  "\u001b[31mTimeoutError: locator.click: Timeout 15000ms exceeded.\u001b[39m\n" +
                  "Call log:\n  - waiting for getByRole('button', { name: 'Create note' })\n",
              },
              attachments: [
                {
                  name: "screenshot",
                  contentType: "image/png",
                  path: "/workspace/.winky-check/results/a/test-failed-1.png",
                },
              ],
            }),
            spec("is skipped", "skipped"),
          ],
          suites: [
            {
              title: "admin",
              specs: [
                spec("grants a role", "flaky", {
                  attachments: [
                    { name: "trace", contentType: "application/zip", path: "/workspace/t.zip" },
                    { name: "screenshot", contentType: "image/png", path: "/workspace/b.png" },
                  ],
                }),
              ],
            },
          ],
        },
      ],
      errors: [],
    };
    expect(parsePlaywrightJson(JSON.stringify(report))).toEqual({
      passed: 2,
      failed: 1,
      findings: [
        "smoke scenario failed: writes a note: TimeoutError: locator.click: Timeout 15000ms exceeded. " +
          "(waiting for getByRole('button', { name: 'Create note' }))",
      ],
      screenshots: [
        {
          path: "/workspace/.winky-check/results/a/test-failed-1.png",
          scenario: "writes a note",
          passed: false,
        },
        { path: "/workspace/b.png", scenario: "admin › grants a role", passed: true },
      ],
    });
  });

  it("reports run-level errors (a spec that does not load)", () => {
    const report = { suites: [], errors: [{ message: "Error: Cannot find module './helpers'" }] };
    expect(parsePlaywrightJson(JSON.stringify(report)).findings).toEqual([
      "smoke run failed: Error: Cannot find module './helpers'",
    ]);
  });
});

describe("describeError", () => {
  it("adds the Locator line of a failed expectation", () => {
    const message =
      "Error: expect(locator).toBeVisible() failed\n\nLocator: getByText('Groceries')\nExpected: visible";
    expect(describeError(message)).toBe(
      "Error: expect(locator).toBeVisible() failed (Locator: getByText('Groceries'))",
    );
  });
});
