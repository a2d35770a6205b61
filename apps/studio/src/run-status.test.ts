import { describe, expect, it } from "vitest";
import { badgeForStatus, truncate } from "./run-status.js";

describe("run status badges", () => {
  it.each([
    ["succeeded", "Succeeded", "success"],
    ["failed", "Failed", "danger"],
    ["awaiting_approval", "Awaits approval", "waiting"],
    ["awaiting_plan_approval", "Plan awaits approval", "waiting"],
    ["coding", "Coding", "progress"],
    ["queued", "Queued", "neutral"],
    ["cancelled", "Cancelled", "neutral"],
  ])("shows %s as %s in the %s tone", (status, label, tone) => {
    expect(badgeForStatus(status)).toEqual({ label, tone });
  });

  it("still shows a status it does not know, in words", () => {
    expect(badgeForStatus("rolling_back")).toEqual({ label: "rolling back", tone: "neutral" });
  });
});

describe("truncate", () => {
  it("leaves short text as it is, whitespace flattened", () => {
    expect(truncate("a notes\n app", 80)).toBe("a notes app");
  });

  it("cuts long text on a word boundary with an ellipsis", () => {
    const cut = truncate("a notes app with tags, markdown and images for the whole team", 30);
    expect(cut).toBe("a notes app with tags,…");
    expect(cut.length).toBeLessThanOrEqual(30);
  });

  it("cuts inside a word when no boundary is near", () => {
    expect(truncate("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
