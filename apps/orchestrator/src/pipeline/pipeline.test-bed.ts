// Scripted steps and an in-memory node log for tests of the graph's routing (the real steps
// are the agents'; their own tests run them on real components).
import type { NodeLog } from "./graph.js";
import type { CheckReport, PipelineNode } from "./state.js";
import type { PipelineSteps } from "./steps.js";

export const PASS: CheckReport = { ok: true, summary: "passed", findings: [] };
export const failing = (...findings: string[]): CheckReport => ({
  ok: false,
  summary: `${findings.length} problem(s)`,
  findings,
});

/** A log that keeps every node's start and end in order. */
export class MemoryNodeLog implements NodeLog {
  readonly entries: string[] = [];
  async started(_runId: string, node: string) {
    this.entries.push(`start ${node}`);
  }
  async finished(_runId: string, node: string, result: { summary: string }) {
    this.entries.push(`end ${node}: ${result.summary}`);
  }
  async progress(_runId: string, node: PipelineNode, message: string) {
    this.entries.push(`progress ${node}: ${message}`);
  }
  /** The nodes that started, in order. */
  get nodes(): string[] {
    return this.entries.filter((e) => e.startsWith("start ")).map((e) => e.slice(6));
  }
}

/**
 * Steps answering from scripts: each check takes its reports in order (the last one repeats),
 * and every call is counted.
 */
export function scriptedSteps(script: Partial<Record<"test" | "review" | "smoke", CheckReport[]>>) {
  const calls: Record<string, number> = {};
  const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
  const next = (name: "test" | "review" | "smoke") => {
    const reports = script[name] ?? [PASS];
    return reports[Math.min(count(name) - 1, reports.length - 1)]!;
  };
  const steps: PipelineSteps = {
    plan: async () => (count("plan"), { appPlan: { appName: "notes" } }),
    preview: async () => (count("preview"), { previewData: { screens: 3 } }),
    code: async (s) => (count("code"), { files: { "src/App.tsx": `round ${s.round}` } }),
    test: async () => next("test"),
    review: async () => next("review"),
    smoke: async () => next("smoke"),
    commit: async () => (count("commit"), { repo: "/repos/notes", sha: "a".repeat(40) }),
    deploy: async () => (count("deploy"), { project: "notes", url: "http://notes.localhost" }),
  };
  return { steps, calls };
}

/**
 * Steps that pass, telling `record` each step's name as it runs (its side effect);
 * `overrides` replace checks (a hanging test, say).
 */
export function recordingSteps(
  record: (name: string) => void,
  overrides: Partial<Record<"test" | "review" | "smoke", () => Promise<CheckReport>>> = {},
): PipelineSteps {
  const { steps } = scriptedSteps({});
  const wrap = <K extends keyof PipelineSteps>(name: K): PipelineSteps[K] =>
    (async (...args: Parameters<PipelineSteps[K]>) => {
      record(name);
      const override = overrides[name as "test"];
      if (override) return override();
      return (steps[name] as (...a: Parameters<PipelineSteps[K]>) => unknown)(...args);
    }) as PipelineSteps[K];
  return {
    plan: wrap("plan"),
    preview: wrap("preview"),
    code: wrap("code"),
    test: wrap("test"),
    review: wrap("review"),
    smoke: wrap("smoke"),
    commit: wrap("commit"),
    deploy: wrap("deploy"),
  };
}
