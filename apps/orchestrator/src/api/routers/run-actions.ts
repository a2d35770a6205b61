import { AppPlan } from "@winky/planner";
import { z } from "zod";
import { reserveNewAppSlug } from "../../runs/app-slug.js";
import { promptProblem } from "../../runs/run-service.js";
import { writeAudit } from "../audit.js";
import { auditSourceOf, type AuthorizedContext } from "../context.js";
import { idInput } from "../pagination.js";
import { procedureFor } from "../trpc.js";

const runId = idInput("run");
/** The run service's rule for app slugs (they name the project and the repository). */
const appSlug = AppPlan.shape.appName;
const MAX_COMMENT = 10_000;

const createInput = z
  .object({
    prompt: z.string().superRefine((prompt, check) => {
      const problem = promptProblem(prompt);
      if (problem) check.addIssue({ code: "custom", message: problem });
    }),
    appSlug: appSlug.optional(),
    appName: z.string().trim().min(1, "must not be blank").max(100).optional(),
    engine: z.enum(["offline", "model"]).optional(),
  })
  .superRefine((input, check) => {
    // Neither: the planner names the app from the prompt (made unique), as `winky new` does.
    if (input.appSlug || input.appName === undefined) return;
    if (!appSlug.safeParse(slugFromName(input.appName)).success) {
      check.addIssue({
        code: "custom",
        path: ["appName"],
        message: "no app slug can be derived from it: give appSlug (kebab-case, e.g. team-notes)",
      });
    }
  });

/**
 * A kebab-case slug from an app's name: "Team Notes!" → "team-notes". Leading digits go, as a
 * slug starts with a letter.
 */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // the accents NFKD split off: "é" → "e"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

/** What members do to runs: start, decide, cancel, retry. Each is audited once it worked. */
export const runActions = {
  /**
   * Starts a run of `prompt` for the app (made when the team has none by that slug). Without a
   * slug or a name, the planner names a new app from the prompt, made unique (`notes-2`).
   */
  create: procedureFor("member")
    .input(createInput)
    .mutation(async ({ ctx, input }) => {
      const slug =
        input.appSlug ??
        (input.appName !== undefined
          ? slugFromName(input.appName)
          : await reserveNewAppSlug(ctx.services.pool, ctx.caller.teamId, input.prompt));
      const created = await ctx.services.runs.create({
        teamId: ctx.caller.teamId,
        prompt: input.prompt,
        appSlug: slug,
        appName: input.appName ?? slug,
        ...(input.engine ? { engine: input.engine } : {}),
        ...(ctx.caller.userId ? { createdBy: ctx.caller.userId } : {}),
      });
      await writeAudit(ctx.services.pool, auditSourceOf(ctx), {
        action: "run.created",
        targetType: "run",
        targetId: created.runId,
        data: { appId: created.appId, appSlug: slug, engine: input.engine ?? null },
      });
      return created;
    }),

  /** Approves what the run waits for (its plan or its release); the comment is optional. */
  approve: procedureFor("member")
    .input(z.object({ runId, comment: z.string().trim().max(MAX_COMMENT).optional() }))
    .mutation(({ ctx, input }) => decide(ctx, input.runId, true, input.comment || undefined)),

  /** Rejects what the run waits for; the comment saying why is required. */
  reject: procedureFor("member")
    .input(
      z.object({
        runId,
        comment: z
          .string({ error: "a comment is required to reject: say what should change" })
          .trim()
          .min(1, "a comment is required to reject: say what should change")
          .max(MAX_COMMENT),
      }),
    )
    .mutation(({ ctx, input }) => decide(ctx, input.runId, false, input.comment)),

  /** Stops the run; it ends `cancelled`. */
  cancel: procedureFor("member")
    .input(z.object({ runId }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.runs.cancel(input.runId, ctx.caller.actor);
      await audit(ctx, "run.cancelled", input.runId, {});
      return { runId: input.runId };
    }),

  /** Runs a failed or cancelled run again: resumed in place, or as a new run. */
  retry: procedureFor("member")
    .input(z.object({ runId }))
    .mutation(async ({ ctx, input }) => {
      const retried = await ctx.services.runs.retry(input.runId, ctx.caller.actor);
      await audit(ctx, "run.retried", input.runId, { ...retried });
      return retried;
    }),
};

async function decide(ctx: AuthorizedContext, runId: string, approved: boolean, comment?: string) {
  // Read before deciding, so the audit row names the approval the decision answered.
  const { rows } = await ctx.services.pool.query<{ id: string; kind: string }>(
    `select id, kind from approvals where run_id = $1 and status = 'pending'
      order by requested_at limit 1`,
    [runId],
  );
  await ctx.services.runs.decide(
    runId,
    { approved, ...(comment ? { comment } : {}) },
    ctx.caller.actor,
  );
  const approval = rows[0];
  await audit(ctx, approved ? "run.approved" : "run.rejected", runId, {
    approvalId: approval?.id ?? null,
    approvalKind: approval?.kind ?? null,
    ...(comment ? { comment } : {}),
  });
  return { runId, approvalId: approval?.id ?? null, approved };
}

function audit(ctx: AuthorizedContext, action: string, runId: string, data: object) {
  return writeAudit(ctx.services.pool, auditSourceOf(ctx), {
    action,
    targetType: "run",
    targetId: runId,
    data: { ...data },
  });
}
