import { TRPCError } from "@trpc/server";
import type { ApprovalKind } from "@winky/db";
import { z } from "zod";
import { inTransaction, writeAudit } from "../audit.js";
import { auditSourceOf } from "../context.js";
import { idInput, iso } from "../pagination.js";
import { procedureFor, router } from "../trpc.js";

/** A decision a run waits for, as the approval queue lists it. */
export interface PendingApproval {
  approvalId: string;
  kind: ApprovalKind;
  requestedAt: string;
  runId: string;
  prompt: string;
  createdBy: string | null;
  app: { id: string; slug: string; name: string };
}

/** A comment on a run, or on one of its approvals. */
export interface CommentView {
  id: string;
  runId: string;
  approvalId: string | null;
  authorId: string | null;
  body: string;
  createdAt: string;
}

const runId = idInput("run");
const COMMENT_COLUMNS = "id, run_id, approval_id, author_id, body, created_at";

/** What the team has to decide (viewer+), and the discussion around it (member+ to write). */
export const approvalsRouter = router({
  /** The team's pending approvals, oldest first; `mine`: only runs the caller started. */
  queue: procedureFor("viewer")
    .input(
      z
        .object({
          mine: z.boolean().default(false),
          limit: z.number().int().min(1).max(100).default(100),
        })
        .default({ mine: false, limit: 100 }),
    )
    .query(async ({ ctx, input }): Promise<PendingApproval[]> => {
      // A team token belongs to no one, so nothing is "mine" for it.
      if (input.mine && !ctx.caller.userId) return [];
      const { rows } = await ctx.services.pool.query<QueueRow>(
        `select p.id as approval_id, p.kind, p.requested_at, r.id as run_id, r.prompt,
                r.created_by, a.id as app_id, a.slug as app_slug, a.name as app_name
           from approvals p join runs r on r.id = p.run_id join apps a on a.id = r.app_id
          where r.team_id = $1 and p.status = 'pending'
            and ($2::uuid is null or r.created_by = $2)
          order by p.requested_at, p.id
          limit $3`,
        [ctx.caller.teamId, input.mine ? ctx.caller.userId : null, input.limit],
      );
      return rows.map((r) => ({
        approvalId: r.approval_id,
        kind: r.kind,
        requestedAt: iso(r.requested_at),
        runId: r.run_id,
        prompt: r.prompt,
        createdBy: r.created_by,
        app: { id: r.app_id, slug: r.app_slug, name: r.app_name },
      }));
    }),

  /** The run's comments, oldest first. */
  comments: procedureFor("viewer")
    .input(z.object({ runId }))
    .query(async ({ ctx, input }): Promise<CommentView[]> => {
      const { rows } = await ctx.services.pool.query<CommentRow>(
        `select ${COMMENT_COLUMNS} from comments where run_id = $1 order by created_at, id`,
        [input.runId],
      );
      return rows.map(toCommentView);
    }),

  /** Comments on a run, or on one of its approvals (a rejection's follow-up, say). */
  comment: procedureFor("member")
    .input(
      z.object({
        runId,
        approvalId: idInput("approval").optional(),
        body: z.string().trim().min(1, "must not be blank").max(10_000),
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
          `insert into comments (run_id, approval_id, author_id, body) values ($1, $2, $3, $4)
           returning ${COMMENT_COLUMNS}`,
          [input.runId, input.approvalId ?? null, ctx.caller.userId ?? null, input.body],
        );
        const comment = toCommentView(rows[0]!);
        await writeAudit(client, auditSourceOf(ctx), {
          action: "comment.created",
          targetType: "run",
          targetId: input.runId,
          data: { commentId: comment.id, approvalId: comment.approvalId },
        });
        return comment;
      });
    }),
});

interface QueueRow {
  approval_id: string;
  kind: ApprovalKind;
  requested_at: Date;
  run_id: string;
  prompt: string;
  created_by: string | null;
  app_id: string;
  app_slug: string;
  app_name: string;
}

interface CommentRow {
  id: string;
  run_id: string;
  approval_id: string | null;
  author_id: string | null;
  body: string;
  created_at: Date;
}

function toCommentView(row: CommentRow): CommentView {
  return {
    id: row.id,
    runId: row.run_id,
    approvalId: row.approval_id,
    authorId: row.author_id,
    body: row.body,
    createdAt: iso(row.created_at),
  };
}
