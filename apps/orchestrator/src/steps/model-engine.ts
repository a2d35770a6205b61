import { editWithModel, generateApp } from "@winky/coder";
import {
  createChatModel,
  StructuredAnswerError,
  UsageMeter,
  type LlmConfig,
  type NodeUsage,
} from "@winky/llm";
import { planWithModel, validatePlan } from "@winky/planner";
import type { PromptGuard } from "@winky/prompt-guard";
import { appDiff, reviewDiffWithModel } from "@winky/reviewer";
import type pg from "pg";
import type { CheckReport, PipelineStateType } from "../pipeline/state.js";
import type { PipelineSteps, StepContext } from "../pipeline/steps.js";

export interface ModelEngineDeps {
  /** The model, its prices and the per-run budget (tokens, dollars, wall time). */
  config: LlmConfig;
  /** Every request body to the model passes it (secrets of the store, key shapes, .env). */
  guard: PromptGuard;
  /** The platform database: a resumed run's usage so far is read from its log. */
  pool: pg.Pool;
  timeoutMs?: number;
}

/**
 * The pipeline's steps with a model where one helps, over the offline ones: `plan` asks the
 * model to improve the offline draft; `code` has the model adapt the templated app to the
 * request (round 0) or fix what a check found (repair rounds) through exact edits; `review`
 * adds the model's reading of its own edits (the diff from the templated app) to the static
 * review. The sandboxed checks, commit and deploy stay as they are. Each call's tokens are logged with the node
 * (`node.progress` with `usage`), so a resumed run's budget counts them.
 */
export function withModelEngine(offline: PipelineSteps, deps: ModelEngineDeps): PipelineSteps {
  const model = createChatModel(deps.config, {
    guard: deps.guard,
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
  });
  const meterOf = async (runId: string) =>
    new UsageMeter(deps.config.prices, deps.config.budget, await usageSoFar(deps.pool, runId));
  /** Runs `work` with the run's meter, then logs what the node spent in it. */
  const metered = async <T>(
    node: string,
    ctx: StepContext,
    work: (m: UsageMeter) => Promise<T>,
  ) => {
    const meter = await meterOf(ctx.runId);
    const before = meter.byNode()[node];
    try {
      return await work(meter);
    } finally {
      const after = meter.byNode()[node];
      if (after) {
        const spent = difference(after, before);
        await ctx.progress(
          `${deps.config.model}: ${spent.calls} call(s), ${spent.inputTokens} tokens in, ` +
            `${spent.outputTokens} out, $${spent.dollars.toFixed(4)}`,
          { usage: spent },
        );
      }
    }
  };
  return {
    ...offline,
    async plan(state, ctx) {
      const result = await metered("plan", ctx, (meter) =>
        planWithModel(state.prompt, { model, meter }),
      );
      for (const note of result.notes) await ctx.progress(note);
      const plan = state.appSlug
        ? validatePlan({ ...result.plan, appName: state.appSlug })
        : result.plan;
      return { appPlan: plan as unknown as Record<string, unknown> };
    },
    async review(state, ctx) {
      const report = await offline.review(state, ctx);
      // The model reads what the model changed: the diff from the templated app.
      const plan = validatePlan(state.appPlan);
      const before = generateApp(plan, { project: plan.appName }).files;
      const after = state.files ?? {};
      if (appDiff(before, after) === "") return report;
      try {
        const review = await metered("review", ctx, (meter) =>
          reviewDiffWithModel({ model, meter, task: state.prompt, before, after }),
        );
        if (review.ok) return report;
        return {
          ...report,
          ok: false,
          summary: `${report.summary}; the model's review found ${review.findings.length} problem(s)`,
          findings: [...report.findings, ...review.findings.map((f) => `model review: ${f}`)],
        };
      } catch (e) {
        if (!(e instanceof StructuredAnswerError)) throw e;
        await ctx.progress(
          `the model's review could not be read (${e.message}); the static review stands`,
        );
        return report;
      }
    },
    async code(state, ctx) {
      const files =
        state.round === 0 ? (await offline.code(state, ctx)).files : (state.files ?? {});
      const edited = await metered("code", ctx, (meter) =>
        editWithModel({ model, meter, files, task: taskOf(state) }),
      );
      await ctx.progress(`edits: ${edited.changed.join(", ") || "none"} — ${edited.summary}`);
      return { files: edited.files };
    },
  };
}

/** What the model is asked to do with the app in this round. */
function taskOf(state: PipelineStateType): string {
  if (state.round === 0) {
    return (
      "The app was generated from its plan by templates and passes its own tests. Adapt it to " +
      `the person's request where the templates fall short, with small edits; change nothing ` +
      `else. If nothing falls short, call finish at once.\n\nThe request:\n${state.prompt}`
    );
  }
  const failed = state.failures.at(-1);
  const report: CheckReport | undefined = failed
    ? { test: state.testReport, review: state.reviewReport, smoke: state.smokeReport }[failed.node]
    : undefined;
  const findings = (report?.findings ?? []).slice(0, 30).map((f) => `- ${f}`);
  return (
    `The ${failed?.node ?? "last"} check failed: ${report?.summary ?? "no report"}.\n` +
    `${findings.join("\n")}\nFix the cause with small edits, then call finish.`
  );
}

/** The run's model usage so far, per node, from its log. */
async function usageSoFar(pool: pg.Pool, runId: string): Promise<Record<string, NodeUsage>> {
  const { rows } = await pool.query<{ node: string; usage: NodeUsage }>(
    `select node, payload->'usage' as usage from run_events
      where run_id = $1 and type = 'node.progress' and payload ? 'usage'`,
    [runId],
  );
  const byNode: Record<string, NodeUsage> = {};
  for (const { node, usage } of rows) {
    const sum = (byNode[node] ??= { calls: 0, inputTokens: 0, outputTokens: 0, dollars: 0 });
    sum.calls += usage.calls;
    sum.inputTokens += usage.inputTokens;
    sum.outputTokens += usage.outputTokens;
    sum.dollars += usage.dollars;
  }
  return byNode;
}

function difference(after: NodeUsage, before: NodeUsage | undefined): NodeUsage {
  return {
    calls: after.calls - (before?.calls ?? 0),
    inputTokens: after.inputTokens - (before?.inputTokens ?? 0),
    outputTokens: after.outputTokens - (before?.outputTokens ?? 0),
    dollars: after.dollars - (before?.dollars ?? 0),
  };
}
