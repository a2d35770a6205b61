import type { BaseCheckpointSaver, LangGraphRunnableConfig } from "@langchain/langgraph";
import { END, interrupt, START, StateGraph } from "@langchain/langgraph";
import { afterCheck, failureReason, MAX_REPAIR_ROUNDS, signatureOf } from "./routing.js";
import {
  PipelineState,
  type CheckNode,
  type Decision,
  type PipelineNode,
  type PipelineStateType,
  type PipelineUpdate,
  REPORT_KEY,
} from "./state.js";
import type { ApprovalRequest, PipelineSteps, StepContext } from "./steps.js";

/** Where the graph reports each node's start and end (`run_events`). */
export interface NodeLog {
  started(runId: string, node: PipelineNode | "fail"): Promise<void>;
  finished(
    runId: string,
    node: PipelineNode | "fail",
    result: { durationMs: number; summary: string },
  ): Promise<void>;
  progress(runId: string, node: PipelineNode, message: string, payload?: object): Promise<void>;
}

/**
 * The generation pipeline as a LangGraph `StateGraph`:
 * plan → preview → planApproval → code → test → review → smoke → approve → commit → deploy,
 * with test, review and smoke sending the run back to code for a repair round (at most
 * `maxRepairRounds`, stopping early when a failure repeats), and interrupts at planApproval
 * and approve that a person (or `--yes`) answers with `Command({ resume: Decision })`. With a
 * checkpointer every node's result is saved, so a run resumes after a crash where it stopped.
 */
export function buildPipeline(
  steps: PipelineSteps,
  options: { log: NodeLog; checkpointer: BaseCheckpointSaver; maxRepairRounds?: number },
) {
  const { log } = options;
  const maxRounds = options.maxRepairRounds ?? MAX_REPAIR_ROUNDS;
  /** Runs a node's work between its start and finish events. */
  const node =
    (
      name: PipelineNode,
      work: (s: PipelineStateType, ctx: StepContext) => Promise<PipelineUpdate>,
      summarize: (u: PipelineUpdate) => string,
    ) =>
    async (state: PipelineStateType, config?: LangGraphRunnableConfig): Promise<PipelineUpdate> => {
      await log.started(state.runId, name);
      const started = Date.now();
      const ctx: StepContext = {
        runId: state.runId,
        progress: (message, payload) => log.progress(state.runId, name, message, payload),
        ...(config?.signal ? { signal: config.signal } : {}),
      };
      const update = await work(state, ctx);
      await log.finished(state.runId, name, {
        durationMs: Date.now() - started,
        summary: summarize(update),
      });
      return update;
    };
  const check = (name: CheckNode) =>
    node(
      name,
      async (state, ctx) => {
        const report = await steps[name](state, ctx);
        const key = REPORT_KEY[name];
        return report.ok
          ? { [key]: report }
          : {
              [key]: report,
              failures: [{ node: name, round: state.round, signature: signatureOf(report) }],
            };
      },
      (u) => (u[REPORT_KEY[name]] as { summary: string }).summary,
    );
  const approval =
    (kind: ApprovalRequest["kind"], field: "planDecision" | "decision") =>
    async (state: PipelineStateType): Promise<PipelineUpdate> => {
      const request: ApprovalRequest = {
        kind,
        runId: state.runId,
        summary: kind === "plan" ? "approve the plan to build it" : "approve to commit and deploy",
      };
      // Everything before interrupt() runs again on resume: nothing here has side effects.
      const decision = interrupt(request) as Decision;
      return { [field]: decision };
    };
  const routeCheck = (name: CheckNode) => (s: PipelineStateType) =>
    afterCheck(
      name,
      { round: s.round, failures: s.failures, report: s[REPORT_KEY[name]] },
      maxRounds,
    );

  return new StateGraph(PipelineState)
    .addNode(
      "plan",
      node("plan", steps.plan, () => "plan ready"),
    )
    .addNode(
      "preview",
      node("preview", steps.preview, () => "preview ready"),
    )
    .addNode("planApproval", approval("plan", "planDecision"))
    .addNode(
      "code",
      node(
        "code",
        async (state, ctx) => {
          // The first code is round 0; each return from a failed check is one more round.
          const round = state.files === undefined ? 0 : state.round + 1;
          const { files } = await steps.code({ ...state, round }, ctx);
          return {
            files,
            round,
            testReport: undefined,
            reviewReport: undefined,
            smokeReport: undefined,
          };
        },
        (u) => `${Object.keys(u.files ?? {}).length} files (round ${u.round})`,
      ),
    )
    .addNode("test", check("test"))
    .addNode("review", check("review"))
    .addNode("smoke", check("smoke"))
    .addNode("approve", approval("result", "decision"))
    .addNode(
      "commit",
      node(
        "commit",
        async (s, ctx) => ({ commitInfo: await steps.commit(s, ctx) }),
        (u) => `committed ${u.commitInfo?.sha.slice(0, 12)}`,
      ),
    )
    .addNode(
      "deploy",
      node(
        "deploy",
        async (s, ctx) => ({
          deployment: await steps.deploy(s, ctx),
          outcome: { status: "succeeded" as const },
        }),
        (u) => `deployed to ${u.deployment?.url}`,
      ),
    )
    .addNode("fail", async (state: PipelineStateType): Promise<PipelineUpdate> => {
      const last = state.failures.at(-1);
      const checkNode = last?.node ?? "test";
      const reason = failureReason(
        checkNode,
        { round: state.round, failures: state.failures, report: state[REPORT_KEY[checkNode]] },
        maxRounds,
      );
      await log.finished(state.runId, "fail", { durationMs: 0, summary: reason });
      return { outcome: { status: "failed", reason } };
    })
    .addNode("rejected", async (state: PipelineStateType): Promise<PipelineUpdate> => {
      const d = state.decision?.approved === false ? state.decision : state.planDecision;
      const reason = `rejected by ${d?.by ?? "someone"}${d?.comment ? `: ${d.comment}` : ""}`;
      return { outcome: { status: "rejected", reason } };
    })
    .addEdge(START, "plan")
    .addEdge("plan", "preview")
    .addEdge("preview", "planApproval")
    .addConditionalEdges("planApproval", (s) => (s.planDecision?.approved ? "code" : "rejected"), [
      "code",
      "rejected",
    ])
    .addEdge("code", "test")
    .addConditionalEdges("test", routeCheck("test"), ["code", "fail", "review"])
    .addConditionalEdges("review", routeCheck("review"), ["code", "fail", "smoke"])
    .addConditionalEdges("smoke", routeCheck("smoke"), ["code", "fail", "approve"])
    .addConditionalEdges("approve", (s) => (s.decision?.approved ? "commit" : "rejected"), [
      "commit",
      "rejected",
    ])
    .addEdge("commit", "deploy")
    .addEdge("deploy", END)
    .addEdge("fail", END)
    .addEdge("rejected", END)
    .compile({ checkpointer: options.checkpointer });
}

export type Pipeline = ReturnType<typeof buildPipeline>;

/**
 * The config every invocation of a run passes: the run is the graph's thread, and each node's
 * checkpoint is written before the next node starts (`durability: "sync"`; LangGraph's default
 * writes it while the next node runs, so a crash there would redo a finished node).
 */
export const runConfig = (runId: string) => ({
  configurable: { thread_id: runId },
  durability: "sync" as const,
});
