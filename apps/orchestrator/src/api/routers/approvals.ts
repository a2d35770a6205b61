import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { inTransaction, writeAudit } from "../audit.js";
import { auditSourceOf } from "../context.js";
import { idInput } from "../pagination.js";
import { procedureFor, router } from "../trpc.js";
import {
  readPlanGlances,
  readRunChecks,
  type CheckSummary,
  type PlanGlance,
} from "./approval-checks.js";
import { countPending, queueInput, readQueue } from "./approval-queue.js";
import {
  COMMENT_COLUMNS,
  mergeThread,
  readComments,
  readThreadEvents,
  toCommentViews,
  type CommentRow,
  type CommentView,
  type ThreadEntry,
} from "./approval-thread.js";

export type { CheckSummary } from "./approval-checks.js";
export type { MentionedMember } from "./approval-mentions.js";
export type { PendingApproval, PersonView } from "./approval-queue.js";
export type { CommentView, ThreadEntry, ThreadEvent } from "./approval-thread.js";

/** The longest comment: a thread is for discussion, a longer text belongs in a file. */
export const MAX_COMMENT_LENGTH = 4_000;

/** A run's thread, with the checks a reviewer reads beside it. */
export interface ApprovalThread {
  runId: string;
  planTitle: string | null;
  /** The plan's first wireframe (`runs.screen`); null when the run has none on disk. */
  wireframe: PlanGlance["wireframe"];
  checks: CheckSummary[];
  repairRounds: number;
  entries: ThreadEntry[];
}

const runId = idInput("run");

/** What the team has to decide (viewer+), and the discussion around it (member+ to write). */
export const approvalsRouter = router({
  /**
   * The team's pending approvals with their checks, plan title and comment count. `filter`:
   * `team` (all, the default), `mine` (runs the caller started) or `mentions` (runs whose
   * comments @mention the caller); `order`: `oldest` (waiting longest, the default) or `newest`.
   */
  queue: procedureFor("viewer")
    .input(queueInput)
    .query(({ ctx, input }) => readQueue(ctx, input)),

  /** How many approvals the team has pending (the navigation's badge). */
  count: procedureFor("viewer").query(async ({ ctx }) => ({
    pending: await countPending(ctx.services.pool, ctx.caller.teamId),
  })),

  /** The run's comments, oldest first, with their authors and mentions. */
  comments: procedureFor("viewer")
    .input(z.object({ runId }))
    .query(({ ctx, input }): Promise<CommentView[]> =>
      readComments(ctx.services.pool, ctx.caller.teamId, input.runId),
    ),

  /** The run's comments and notable events (approvals asked and decided, the deploy, its end). */
  thread: procedureFor("viewer")
    .input(z.object({ runId }))
    .query(async ({ ctx, input }): Promise<ApprovalThread> => {
      const { pool } = ctx.services;
      const [comments, events, checks, glances] = await Promise.all([
        readComments(pool, ctx.caller.teamId, input.runId),
        readThreadEvents(pool, input.runId),
        readRunChecks(pool, [input.runId]),
        readPlanGlances(pool, ctx.services.dataDir, [input.runId]),
      ]);
      return {
        runId: input.runId,
        planTitle: glances.get(input.runId)?.title ?? null,
        wireframe: glances.get(input.runId)?.wireframe ?? null,
        checks: checks.get(input.runId)?.checks ?? [],
        repairRounds: checks.get(input.runId)?.repairRounds ?? 0,
        entries: mergeThread(comments, events),
      };
    }),

  /**
   * Comments on a run, or on one of its approvals (a rejection's follow-up, say). Team members
   * it names as `@someone@example.com` are its mentions.
   */
  comment: procedureFor("member")
    .input(
      z.object({
        runId,
        approvalId: idInput("approval").optional(),
        body: z
          .string({ error: "must be the comment's text" })
          .trim()
          .min(1, "must not be blank")
          .max(
            MAX_COMMENT_LENGTH,
            `must be at most ${MAX_COMMENT_LENGTH} characters: shorten it, or split it in two`,
          ),
      }),
    )
    .mutation(async ({ ctx, input }): Promise<CommentView> => {
      const { pool } = ctx.services;
      if (input.approvalId) {
        const { rowCount } = await pool.query(
          "select 1 from approvals where id = $1 and run_id = $2",
          [input.approvalId, input.runId],
        );
        if (!rowCount) {
          throw new TRPCError({
            code: "NOT_FOUND",
            message: `approvalId: run ${input.runId} has no approval ${input.approvalId}`,
          });
        }
      }
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<CommentRow>(
          `with c as (
             insert into comments (run_id, approval_id, author_id, body) values ($1, $2, $3, $4)
             returning *)
           select ${COMMENT_COLUMNS} from c left join users u on u.id = c.author_id`,
          [input.runId, input.approvalId ?? null, ctx.caller.userId ?? null, input.body],
        );
        const [comment] = await toCommentViews(client, ctx.caller.teamId, rows);
        await writeAudit(client, auditSourceOf(ctx), {
          action: "comment.created",
          targetType: "run",
          targetId: input.runId,
          data: {
            commentId: comment!.id,
            approvalId: comment!.approvalId,
            mentioned: comment!.mentions.map((m) => m.userId),
          },
        });
        return comment!;
      });
    }),
});
