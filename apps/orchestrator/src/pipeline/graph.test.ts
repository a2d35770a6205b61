import { Command, MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { buildPipeline } from "./graph.js";
import { failing, MemoryNodeLog, PASS, scriptedSteps } from "./pipeline.test-bed.js";
import type { CheckReport, Decision } from "./state.js";

const yes: Decision = { approved: true, by: "ada" };

async function run(
  script: Partial<Record<"test" | "review" | "smoke", CheckReport[]>>,
  answers: { plan?: Decision; result?: Decision } = {},
) {
  const { steps, calls } = scriptedSteps(script);
  const log = new MemoryNodeLog();
  const graph = buildPipeline(steps, { log, checkpointer: new MemorySaver() });
  const config = { configurable: { thread_id: "run-1" } };
  await graph.invoke({ runId: "run-1", prompt: "a notes app" }, config);
  let state = await graph.getState(config);
  if (state.next.includes("planApproval")) {
    await graph.invoke(new Command({ resume: answers.plan ?? yes }), config);
    state = await graph.getState(config);
  }
  if (state.next.includes("approve")) {
    await graph.invoke(new Command({ resume: answers.result ?? yes }), config);
    state = await graph.getState(config);
  }
  return { state: state.values, next: state.next, calls, nodes: log.nodes, log };
}

describe("the generation pipeline", () => {
  it("goes plan → preview → code → test → review → smoke → commit → deploy with two approvals", async () => {
    const { state, nodes, next } = await run({});
    expect(nodes).toEqual([
      "plan",
      "preview",
      "code",
      "test",
      "review",
      "smoke",
      "commit",
      "deploy",
    ]);
    expect(next).toEqual([]);
    expect(state.outcome).toEqual({ status: "succeeded" });
    expect(state.decision).toEqual(yes);
    expect(state.deployment).toEqual({ project: "notes", url: "http://notes.localhost" });
  });

  it("waits at each approval until it is answered", async () => {
    const { steps } = scriptedSteps({});
    const graph = buildPipeline(steps, {
      log: new MemoryNodeLog(),
      checkpointer: new MemorySaver(),
    });
    const config = { configurable: { thread_id: "r" } };
    const asked = async () => (await graph.getState(config)).tasks[0]?.interrupts[0]?.value;
    await graph.invoke({ runId: "r", prompt: "p" }, config);
    expect(await asked()).toMatchObject({ kind: "plan", runId: "r" });
    expect((await graph.getState(config)).next).toEqual(["planApproval"]);
    await graph.invoke(new Command({ resume: yes }), config);
    expect(await asked()).toMatchObject({ kind: "result" });
    expect((await graph.getState(config)).next).toEqual(["approve"]);
  });

  it("repairs a failed test once, then goes on", async () => {
    const { state, nodes, calls } = await run({
      test: [failing("App.test.tsx: expected 2"), PASS],
    });
    expect(nodes.filter((n) => n === "code")).toHaveLength(2);
    expect(calls.code).toBe(2);
    expect(state.round).toBe(1);
    expect(state.files).toEqual({ "src/App.tsx": "round 1" });
    expect(state.failures).toEqual([
      { node: "test", round: 0, signature: "App.test.tsx: expected 2" },
    ]);
    expect(state.outcome?.status).toBe("succeeded");
  });

  it("stops repairing when the same failure comes back", async () => {
    const same = failing("b is wrong", "a is wrong");
    const reordered = failing("a is wrong", "  b   is wrong");
    const { state, calls } = await run({ review: [same, reordered] });
    expect(calls.code).toBe(2);
    expect(state.outcome?.status).toBe("failed");
    expect(state.outcome?.reason).toMatch(/review failed the same way after a repair round/);
    expect(calls.commit).toBeUndefined();
  });

  it("gives up after three repair rounds of new failures", async () => {
    const { state, calls } = await run({
      smoke: [failing("1"), failing("2"), failing("3"), failing("4"), failing("5")],
    });
    expect(calls.code).toBe(4);
    expect(state.round).toBe(3);
    expect(state.outcome).toEqual({
      status: "failed",
      reason: "smoke still failed after 3 repair rounds (1 problem(s))",
    });
  });

  it("ends a run rejected at either approval, saying by whom and why", async () => {
    const atPlan = await run({}, { plan: { approved: false, by: "ada", comment: "add tags" } });
    expect(atPlan.calls.code).toBeUndefined();
    expect(atPlan.state.outcome).toEqual({
      status: "rejected",
      reason: "rejected by ada: add tags",
    });
    const atResult = await run({}, { result: { approved: false, by: "bob" } });
    expect(atResult.calls.commit).toBeUndefined();
    expect(atResult.state.outcome).toEqual({ status: "rejected", reason: "rejected by bob" });
  });
});
