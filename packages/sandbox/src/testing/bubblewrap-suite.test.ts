import { describe, expect, it } from "vitest";
import { bubblewrapPolicy } from "./bubblewrap-suite.js";

describe("bubblewrapPolicy", () => {
  const missing = { available: false, detail: "bwrap: not found" };

  it("runs the suites when bubblewrap works", () => {
    expect(bubblewrapPolicy({ available: true, detail: "bubblewrap 0.8.0" }, {})).toEqual({
      action: "run",
    });
  });

  it("skips loudly without it, saying why", () => {
    const verdict = bubblewrapPolicy(missing, {});
    expect(verdict.action).toBe("skip");
    expect(verdict.action === "skip" && verdict.banner).toContain("bwrap: not found");
  });

  it("fails under CI=true, so CI cannot go green by skipping", () => {
    expect(bubblewrapPolicy(missing, { CI: "true" })).toEqual({
      action: "fail",
      message: "CI=true and no working bubblewrap: bwrap: not found",
    });
  });
});
