import type { Decision, RunProgress, RunService } from "@winky/orchestrator";
import { planOffline } from "@winky/planner";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../io.js";
import { driveRun } from "./drive-run.js";

const { plan } = planOffline("A notes app with email login, markdown editor, tags, and images");
const waiting = (kind: "plan" | "result"): RunProgress => ({
  runId: "r1",
  status: kind === "plan" ? "awaiting_plan_approval" : "awaiting_approval",
  asks: {
    kind,
    runId: "r1",
    summary: kind === "plan" ? "approve the plan to build it" : "approve to commit and deploy",
  },
});

/** A run service that waits at the plan, then at the result, recording the answers. */
function fakeService() {
  const answers: Decision[] = [];
  const service = {
    state: async () => ({
      appPlan: plan,
      previewData: {},
      testReport: { ok: true, summary: "19 tests passed", findings: [] },
    }),
    answer: async (_runId: string, decision: Decision): Promise<RunProgress> => {
      answers.push(decision);
      if (!decision.approved) {
        return { runId: "r1", status: "failed", error: { code: "rejected", message: "no" } };
      }
      return answers.length === 1
        ? waiting("result")
        : ({ runId: "r1", status: "succeeded" } as never);
    },
  } as unknown as RunService;
  return { service, answers };
}

function io(replies?: string[]): CliIo & { asked: string[] } {
  const asked: string[] = [];
  return {
    out: () => undefined,
    err: () => undefined,
    env: {},
    cwd: "/tmp",
    stopRequested: new Promise(() => undefined),
    asked,
    ...(replies
      ? {
          ask: async (question: string) => {
            asked.push(question);
            return replies.shift() ?? "";
          },
        }
      : {}),
  };
}

describe("driving a run through its approvals", () => {
  it("--yes approves both, recorded as approved with --yes for local use", async () => {
    const { service, answers } = fakeService();
    const lines: string[] = [];
    const end = await driveRun(service, async () => waiting("plan"), io(), {
      yes: true,
      json: false,
      say: (t) => void lines.push(t),
    });
    expect(end.status).toBe("succeeded");
    expect(answers).toEqual([
      {
        approved: true,
        by: expect.stringMatching(/ \(--yes\)$/),
        comment: "approved with --yes for local use",
      },
      {
        approved: true,
        by: expect.stringMatching(/ \(--yes\)$/),
        comment: "approved with --yes for local use",
      },
    ]);
    // The plan was shown before it was approved, then the checks before the result.
    expect(lines.join("")).toContain("Notes (notes): ");
    expect(lines.join("")).toContain("Checks: 19 tests passed");
  });

  it("asks on a terminal: y approves, anything else rejects with the reason given", async () => {
    const { service, answers } = fakeService();
    const terminal = io(["y", "n", "the colours are wrong"]);
    const end = await driveRun(service, async () => waiting("plan"), terminal, {
      yes: false,
      json: false,
      say: () => undefined,
    });
    expect(terminal.asked).toEqual([
      "approve the plan to build it? [y/N] ",
      "approve to commit and deploy? [y/N] ",
      "Why not (optional)? ",
    ]);
    expect(answers.map((a) => [a.approved, a.comment])).toEqual([
      [true, undefined],
      [false, "the colours are wrong"],
    ]);
    expect(end).toMatchObject({ status: "failed", error: { code: "rejected" } });
  });

  it("without a terminal, or under --json, leaves the run waiting", async () => {
    for (const [terminal, json] of [
      [io(), false],
      [io(["y"]), true],
    ] as const) {
      const { service, answers } = fakeService();
      const end = await driveRun(service, async () => waiting("plan"), terminal, {
        yes: false,
        json,
        say: () => undefined,
      });
      expect(end.status).toBe("awaiting_plan_approval");
      expect(answers).toEqual([]);
    }
  });
});
