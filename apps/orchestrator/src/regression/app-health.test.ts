import { describe, expect, it } from "vitest";
import { toAppHealth } from "./app-health.js";

const FINISHED = new Date("2026-03-01T03:04:05Z");
const row = (status: string) => ({ app_id: "app-1", id: "run-1", status, finished_at: FINISHED });

describe("toAppHealth", () => {
  it("is passing (green) after a succeeded check", () => {
    expect(toAppHealth(row("succeeded"))).toEqual({
      status: "passing",
      runId: "run-1",
      checkedAt: FINISHED,
    });
  });

  it("is failing (red) after a failed check", () => {
    expect(toAppHealth(row("failed"))).toEqual({
      status: "failing",
      runId: "run-1",
      checkedAt: FINISHED,
    });
  });

  it("is unknown for an app never checked", () => {
    expect(toAppHealth(undefined)).toEqual({ status: "unknown" });
  });

  it("gives no verdict for a check that could not run the smoke", () => {
    expect(toAppHealth(row("cancelled"))).toEqual({ status: "unknown" });
  });
});
