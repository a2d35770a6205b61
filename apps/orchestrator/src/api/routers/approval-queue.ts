import type { ApprovalKind } from "@winky/db";
import { z } from "zod";
import type { Queryable } from "../audit.js";
import type { AuthorizedContext } from "../context.js";
import { iso } from "../pagination.js";
import {
  readPlanGlances,
  readRunChecks,
  type CheckSummary,
  type PlanGlance,
} from "./approval-checks.js";
import { runsMentioning } from "./approval-mentions.js";

/** A person, as a reviewer sees them. */
export interface PersonView {
  userId: string;
  email: string;
  displayName: string;
}

/** A decision a run waits for, with what a reviewer needs to decide without opening the run. */
export interface PendingApproval {
  approvalId: string;
  kind: ApprovalKind;
  requestedAt: string;
  runId: string;
  prompt: string;
  /** The id of the person who started the run (null: a team token or a schedule did). */
  createdBy: string | null;
  /** Who started the run, when a person did. */
  startedBy: PersonView | null;
  app: { id: string; slug: string; name: string };
  /** The plan's title, once the run has planned (null before, or when it cannot be read). */
  planTitle: string | null;
  /** The plan's first wireframe (`runs.screen`), the feed's picture of the app; null if none. */
  wireframe: PlanGlance["wireframe"];
  /** The latest result of each check that has run (test, review, smoke), in that order. */
  checks: CheckSummary[];
  repairRounds: number;
  commentCount: number;
}

/** Whose approvals: the team's, those of runs the caller started, or those mentioning them. */
export const QUEUE_FILTERS = ["team", "mine", "mentions"] as const;
/** `oldest`: waiting longest first (the default); `newest`: the latest requests first. */
export const QUEUE_ORDERS = ["oldest", "newest"] as const;

export const queueInput = z
  .object({
    filter: z.enum(QUEUE_FILTERS, { error: "must be one of team, mine, mentions" }).optional(),
    /** Kept from before `filter`: `mine: true` is `filter: "mine"`. */
    mine: z.boolean().optional(),
    order: z.enum(QUEUE_ORDERS, { error: "must be oldest or newest" }).default("oldest"),
    limit: z.number().int().min(1).max(100).default(100),
  })
  .refine((input) => !(input.mine && input.filter && input.filter !== "mine"), {
    path: ["filter"],
    message: "contradicts mine: true; give filter alone",
  })
  .default({ order: "oldest", limit: 100 });

export type QueueInput = z.infer<typeof queueInput>;

interface QueueRow {
  approval_id: string;
  kind: ApprovalKind;
  requested_at: Date;
  run_id: string;
  prompt: string;
  created_by: string | null;
  creator_email: string | null;
  creator_name: string | null;
  app_id: string;
  app_slug: string;
  app_name: string;
  comment_count: number;
}

/** The caller's team's pending approvals, filtered and ordered as asked. */
export async function readQueue(
  ctx: AuthorizedContext,
  input: QueueInput,
): Promise<PendingApproval[]> {
  const { pool } = ctx.services;
  const filter = input.mine ? "mine" : (input.filter ?? "team");
  const userId = ctx.caller.userId;
  // A team token belongs to no one: nothing is its own, nothing mentions it.
  if (filter !== "team" && !userId) return [];
  const direction = input.order === "newest" ? "desc" : "asc";
  const { rows } = await pool.query<QueueRow>(
    `select p.id as approval_id, p.kind, p.requested_at, r.id as run_id, r.prompt,
            r.created_by, u.email as creator_email, u.display_name as creator_name,
            a.id as app_id, a.slug as app_slug, a.name as app_name,
            (select count(*)::int from comments c where c.run_id = r.id) as comment_count
       from approvals p join runs r on r.id = p.run_id join apps a on a.id = r.app_id
       left join users u on u.id = r.created_by
      where r.team_id = $1 and p.status = 'pending'
        and ($2::uuid is null or r.created_by = $2)
      order by p.requested_at ${direction}, p.id ${direction}
      limit $3`,
    [
      ctx.caller.teamId,
      filter === "mine" ? userId : null,
      // Mentions are decided after the query (see runsMentioning): read all, cut afterwards.
      filter === "mentions" ? null : input.limit,
    ],
  );
  const kept =
    filter === "mentions" ? await keepMentioning(pool, rows, userId!, input.limit) : rows;
  const runIds = kept.map((r) => r.run_id);
  const [checks, glances] = await Promise.all([
    readRunChecks(pool, runIds),
    readPlanGlances(pool, ctx.services.dataDir, runIds),
  ]);
  return kept.map((r) => ({
    approvalId: r.approval_id,
    kind: r.kind,
    requestedAt: iso(r.requested_at),
    runId: r.run_id,
    prompt: r.prompt,
    createdBy: r.created_by,
    startedBy:
      r.created_by && r.creator_email
        ? { userId: r.created_by, email: r.creator_email, displayName: r.creator_name ?? "" }
        : null,
    app: { id: r.app_id, slug: r.app_slug, name: r.app_name },
    planTitle: glances.get(r.run_id)?.title ?? null,
    wireframe: glances.get(r.run_id)?.wireframe ?? null,
    checks: checks.get(r.run_id)?.checks ?? [],
    repairRounds: checks.get(r.run_id)?.repairRounds ?? 0,
    commentCount: r.comment_count,
  }));
}

async function keepMentioning(
  db: Queryable,
  rows: QueueRow[],
  userId: string,
  limit: number,
): Promise<QueueRow[]> {
  const { rows: users } = await db.query<{ email: string }>(
    "select email from users where id = $1",
    [userId],
  );
  if (!users[0]) return [];
  const mentioning = await runsMentioning(
    db,
    rows.map((r) => r.run_id),
    users[0].email,
  );
  return rows.filter((r) => mentioning.has(r.run_id)).slice(0, limit);
}

/** How many approvals the caller's team has pending: the navigation's badge. */
export async function countPending(db: Queryable, teamId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from approvals p join runs r on r.id = p.run_id
      where r.team_id = $1 and p.status = 'pending'`,
    [teamId],
  );
  return rows[0]?.n ?? 0;
}
