import { describe, expect, it } from "vitest";
import { dockerPolicy } from "./docker-policy.js";

describe("dockerPolicy", () => {
  const missing = { available: false, detail: "dockerd is not installed" };

  it("runs Docker tests when an engine answers", () => {
    expect(dockerPolicy({ available: true, detail: "28.2" }, { CI: "true" })).toEqual({
      action: "run",
    });
  });

  it("skips them loudly on a developer machine without an engine", () => {
    const verdict = dockerPolicy(missing, {});
    expect(verdict.action).toBe("skip");
    expect(verdict.action === "skip" && verdict.banner).toContain("dockerd is not installed");
  });

  it("fails the run under CI=true without an engine", () => {
    expect(dockerPolicy(missing, { CI: "true" })).toEqual({
      action: "fail",
      message: "CI=true and no Docker engine: dockerd is not installed",
    });
  });
});
