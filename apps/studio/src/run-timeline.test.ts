import { describe, expect, it } from "vitest";
import {
  formatDuration,
  nodeTimeline,
  type NodeTiming,
  type TimelineEvent,
} from "./run-timeline.js";

/** Events in order from `[type, node, payload]`, one second apart. */
function log(
  ...entries: Array<[string, string | null, Record<string, unknown>?]>
): TimelineEvent[] {
  return entries.map(([type, node, payload], seq) => ({
    seq,
    type,
    node,
    payload: payload ?? {},
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
  }));
}

const byNode = (timeline: NodeTiming[]) => Object.fromEntries(timeline.map((t) => [t.node, t]));
const statuses = (timeline: NodeTiming[]) =>
  Object.fromEntries(timeline.map((t) => [t.node, t.status]));

const ran = (node: string, durationMs: number, summary = `${node} done`) =>
  [
    ["node.started", node],
    ["node.finished", node, { durationMs, summary }],
  ] as Array<[string, string, Record<string, unknown>?]>;

describe("nodeTimeline", () => {
  it("has every node waiting before the run starts", () => {
    const timeline = nodeTimeline([], "queued");
    expect(timeline.map((t) => t.node)).toEqual([
      "plan",
      "preview",
      "planApproval",
      "code",
      "test",
      "review",
      "smoke",
      "approve",
      "commit",
      "deploy",
    ]);
    expect(new Set(timeline.map((t) => t.status))).toEqual(new Set(["waiting"]));
  });

  it("shows finished nodes done with their durations, and the one in progress running", () => {
    const events = log(
      ...ran("plan", 120),
      ...ran("preview", 3400),
      ["node.started", "code"],
      ["node.progress", "code", { message: "writing 65 files" }],
    );
    const nodes = byNode(nodeTimeline(events, "running"));
    expect(nodes.plan).toMatchObject({ status: "done", durationMs: 120, summary: "plan done" });
    expect(nodes.preview).toMatchObject({ status: "done", durationMs: 3400, runs: 1 });
    expect(nodes.code).toMatchObject({
      status: "running",
      durationMs: null,
      runningSince: events[4]!.createdAt,
      summary: "writing 65 files",
    });
    expect(nodes.test!.status).toBe("waiting");
  });

  it("waits at a gate while the run does, and records who decided", () => {
    const planned = log(...ran("plan", 1), ...ran("preview", 1));
    expect(byNode(nodeTimeline(planned, "awaiting_plan_approval")).planApproval).toMatchObject({
      status: "running",
      summary: "waiting for a decision",
    });
    const approved = [
      ...planned,
      ...log(["run.approved", null, { by: "ada", gate: "plan" }]).map((e) => ({ ...e, seq: 9 })),
    ];
    // The page's status may be stale: the decision event wins.
    expect(byNode(nodeTimeline(approved, "awaiting_plan_approval")).planApproval).toMatchObject({
      status: "done",
      summary: "approved by ada",
    });
    const rejected = log(["run.rejected", null, { by: "bo", gate: "release", comment: "ugly" }]);
    expect(byNode(nodeTimeline(rejected, "failed")).approve).toMatchObject({
      status: "failed",
      summary: "rejected by bo: ugly",
    });
  });

  it("adds up the repair rounds of code and the checks", () => {
    const events = log(
      ...ran("code", 100),
      ...ran("test", 200),
      ...ran("code", 150),
      ...ran("test", 250),
    );
    const nodes = byNode(nodeTimeline(events, "running"));
    expect(nodes.code).toMatchObject({ runs: 2, durationMs: 250, status: "done" });
    expect(nodes.test).toMatchObject({ runs: 2, durationMs: 450 });
  });

  it("fails the node a failure names, or the one that was running", () => {
    const named = log(
      ["node.started", "test"],
      ["run.failed", "test", { summary: "2 of 9 failed" }],
    );
    expect(byNode(nodeTimeline(named, "failed")).test).toMatchObject({
      status: "failed",
      summary: "2 of 9 failed",
    });
    const crashed = log(
      ["node.started", "smoke"],
      ["run.failed", null, { code: "step-failed", message: "docker is gone", node: "smoke" }],
    );
    expect(byNode(nodeTimeline(crashed, "failed")).smoke).toMatchObject({
      status: "failed",
      summary: "docker is gone",
    });
    const unnamed = log(["node.started", "deploy"], ["run.failed", null, { message: "boom" }]);
    expect(statuses(nodeTimeline(unnamed, "running")).deploy).toBe("failed");
  });

  it("fails the check that ended the run when the fail node reports it", () => {
    const events = log(...ran("code", 1), ...ran("review", 1, "review found 2 problems"), [
      "run.failed",
      "fail",
      { durationMs: 0, summary: "review kept failing" },
    ]);
    const nodes = byNode(nodeTimeline(events, "failed"));
    expect(nodes.review).toMatchObject({ status: "failed", summary: "review kept failing" });
    expect(nodes.code!.status).toBe("done");
  });

  it("shows a node stopped by a cancel as cancelled, waiting again once the run is retried", () => {
    const cancelled = log(["node.started", "smoke"], ["run.cancelled", null]);
    expect(statuses(nodeTimeline(cancelled, "running")).smoke).toBe("cancelled");
    const retried = log(
      ["node.started", "test"],
      ["run.failed", "test"],
      ["run.retried", null],
      ["node.started", "test"],
    );
    expect(statuses(nodeTimeline(retried, "running")).test).toBe("running");
    const resumed = log(["node.started", "smoke"], ["run.cancelled", null], ["run.retried", null]);
    expect(statuses(nodeTimeline(resumed, "queued")).smoke).toBe("waiting");
  });
});

describe("formatDuration", () => {
  it("reads as milliseconds, seconds or minutes", () => {
    expect(formatDuration(420)).toBe("420 ms");
    expect(formatDuration(4_240)).toBe("4.2 s");
    expect(formatDuration(185_000)).toBe("3 min 05 s");
  });
});
