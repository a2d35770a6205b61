import { describe, expect, it } from "vitest";
import { LOG_LIMITS, LogCollector } from "./log-collector.js";

describe("LogCollector", () => {
  it("keeps lines in the order they came", () => {
    const logs = new LogCollector();
    logs.add({ stream: "stdout", line: "a", at: 1 });
    logs.add({ stream: "stderr", line: "b", at: 2 });
    expect(logs.lines()).toEqual([
      { stream: "stdout", line: "a", at: 1 },
      { stream: "stderr", line: "b", at: 2 },
    ]);
  });

  it("cuts a line longer than the per-line limit", () => {
    const logs = new LogCollector();
    logs.add({ stream: "stdout", line: "x".repeat(LOG_LIMITS.lineCharacters + 10), at: 1 });
    const [line] = logs.lines();
    expect(line?.line.startsWith("x".repeat(LOG_LIMITS.lineCharacters))).toBe(true);
    expect(line?.line).toContain("line cut");
  });

  it("drops lines past the line limit and says how many, once, at the end", () => {
    const logs = new LogCollector();
    for (let i = 0; i < LOG_LIMITS.lines + 5; i++)
      logs.add({ stream: "stdout", line: `${i}`, at: i });
    const lines = logs.lines();
    expect(lines).toHaveLength(LOG_LIMITS.lines + 1);
    expect(lines.at(-1)).toMatchObject({
      stream: "stderr",
      line: expect.stringContaining("5 more"),
    });
  });

  it("drops lines past the character limit, keeping order (no later short line sneaks in)", () => {
    const logs = new LogCollector();
    const big = "y".repeat(LOG_LIMITS.lineCharacters);
    const fit = Math.floor(LOG_LIMITS.characters / big.length);
    for (let i = 0; i < fit + 1; i++) logs.add({ stream: "stdout", line: big, at: i });
    logs.add({ stream: "stdout", line: "short", at: 99 });
    const lines = logs.lines();
    expect(lines).toHaveLength(fit + 1);
    expect(lines.some((l) => l.line === "short")).toBe(false);
  });
});
