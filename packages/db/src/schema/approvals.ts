import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { createdAt, isNotBlank, optionalTimestamp, uuidPrimaryKey } from "./columns.js";
import { runs } from "./runs.js";

/** The two human gates of a run: approving the plan, and approving the release. */
export const approvalKind = pgEnum("approval_kind", ["plan", "release"]);

/** An approval is `pending` until someone decides it. */
export const approvalStatus = pgEnum("approval_status", ["pending", "approved", "rejected"]);

/**
 * A request for a human decision that a run waits on (a LangGraph interrupt). At most one
 * request of each kind is pending per run. Decided requests keep who decided, when, and why.
 */
export const approvals = pgTable(
  "approvals",
  {
    id: uuidPrimaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    kind: approvalKind("kind").notNull(),
    status: approvalStatus("status").notNull().default("pending"),
    requestedAt: timestamp("requested_at", { withTimezone: true, mode: "date" })
      .notNull()
      .defaultNow(),
    // Null on a decided approval means the decider was a token, the system, or a deleted user;
    // the audit log says which.
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: optionalTimestamp("decided_at"),
    reason: text("reason"),
  },
  (t) => [
    index("approvals_run_id_idx").on(t.runId),
    index("approvals_decided_by_idx").on(t.decidedBy),
    // The approval queue: oldest pending first. Decided approvals are the bulk and never queued.
    index("approvals_pending_idx")
      .on(t.requestedAt)
      .where(sql`${t.status} = 'pending'`),
    uniqueIndex("approvals_one_pending_per_kind")
      .on(t.runId, t.kind)
      .where(sql`${t.status} = 'pending'`),
    // Target of comments' (approval_id, run_id) foreign key.
    unique("approvals_id_run_id_key").on(t.id, t.runId),
    check(
      "approvals_decided_at_matches_status",
      sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`,
    ),
  ],
);

/**
 * Discussion on a run, optionally attached to one of its approvals (a rejection's follow-up,
 * say). The composite foreign key makes sure the approval belongs to the same run.
 */
export const comments = pgTable(
  "comments",
  {
    id: uuidPrimaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    approvalId: uuid("approval_id"),
    // Null once the author's account is deleted; the words stay with the run.
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // MATCH SIMPLE (the default): a comment without an approval is not checked against approvals.
    foreignKey({
      name: "comments_approval_id_run_id_fkey",
      columns: [t.approvalId, t.runId],
      foreignColumns: [approvals.id, approvals.runId],
    }).onDelete("cascade"),
    index("comments_run_id_created_at_idx").on(t.runId, t.createdAt),
    index("comments_approval_id_idx").on(t.approvalId),
    index("comments_author_id_idx").on(t.authorId),
    check("comments_body_not_blank", isNotBlank(t.body)),
  ],
);

/** A row of `approvals`. */
export type Approval = typeof approvals.$inferSelect;
/** The fields needed to request an approval; status defaults to `pending`. */
export type NewApproval = typeof approvals.$inferInsert;
/** `plan` or `release`. */
export type ApprovalKind = (typeof approvalKind.enumValues)[number];
/** `pending`, `approved` or `rejected`. */
export type ApprovalStatus = (typeof approvalStatus.enumValues)[number];
/** A row of `comments`. */
export type Comment = typeof comments.$inferSelect;
/** The fields needed to insert a comment. */
export type NewComment = typeof comments.$inferInsert;
