import type { ApprovalKind } from "@winky/db";
import type { Queryable } from "../audit.js";
import { iso } from "../pagination.js";
import { mentionsIn, teamMembersMentioned, type MentionedMember } from "./approval-mentions.js";
import type { PersonView } from "./approval-queue.js";

/** A comment on a run, or on one of its approvals, with who wrote it and whom it mentions. */
export interface CommentView {
  id: string;
  runId: string;
  approvalId: string | null;
  authorId: string | null;
  /** Null when the author's account is gone, or a team token wrote it. */
  author: PersonView | null;
  body: string;
  /** The team members the body @mentions (`@someone@example.com`), in order. */
  mentions: MentionedMember[];
  createdAt: string;
}

/** Something that happened to the run that a reviewer follows in the thread. */
export interface ThreadEvent {
  kind: "event";
  at: string;
  type:
    | "approval.requested"
    | "run.approved"
    | "run.rejected"
    | "deploy.finished"
    | "run.succeeded"
    | "run.failed"
    | "run.cancelled";
  /** In words: who decided and why, where it deployed, why it failed. */
  text: string;
  /** Where the deploy went live (deploy.finished only). */
  url: string | null;
}

/** A run's discussion and decisions, in time order. */
export type ThreadEntry = { kind: "comment"; at: string; comment: CommentView } | ThreadEvent;

export const COMMENT_COLUMNS = `c.id, c.run_id, c.approval_id, c.author_id, c.body, c.created_at,
  u.email as author_email, u.display_name as author_name`;

export interface CommentRow {
  id: string;
  run_id: string;
  approval_id: string | null;
  author_id: string | null;
  body: string;
  created_at: Date;
  author_email: string | null;
  author_name: string | null;
}

/** The run's comments, oldest first, with authors and the team members they mention. */
export async function readComments(
  db: Queryable,
  teamId: string,
  runId: string,
): Promise<CommentView[]> {
  const { rows } = await db.query<CommentRow>(
    `select ${COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id
      where c.run_id = $1 order by c.created_at, c.id`,
    [runId],
  );
  return toCommentViews(db, teamId, rows);
}

export async function toCommentViews(
  db: Queryable,
  teamId: string,
  rows: CommentRow[],
): Promise<CommentView[]> {
  const members = await teamMembersMentioned(
    db,
    teamId,
    rows.map((r) => r.body),
  );
  return rows.map((row) => ({
    id: row.id,
    runId: row.run_id,
    approvalId: row.approval_id,
    authorId: row.author_id,
    author:
      row.author_id && row.author_email
        ? { userId: row.author_id, email: row.author_email, displayName: row.author_name ?? "" }
        : null,
    body: row.body,
    mentions: mentionsIn(row.body, members),
    createdAt: iso(row.created_at),
  }));
}

const NOTABLE = ["run.approved", "run.rejected", "run.succeeded", "run.failed", "run.cancelled"];

/** The approvals asked, the decisions, the deploy and the run's end, in time order. */
export async function readThreadEvents(db: Queryable, runId: string): Promise<ThreadEvent[]> {
  const [asked, logged] = await Promise.all([
    db.query<{ kind: ApprovalKind; requested_at: Date }>(
      "select kind, requested_at from approvals where run_id = $1",
      [runId],
    ),
    db.query<{ type: string; node: string | null; payload: Record<string, unknown>; at: Date }>(
      `select type, node, payload, created_at as at from run_events
        where run_id = $1 and (type = any($2::text[]) or (type = 'node.finished' and node = 'deploy'))
        order by seq`,
      [runId, NOTABLE],
    ),
  ]);
  const requested: ThreadEvent[] = asked.rows.map((a) => ({
    kind: "event",
    at: iso(a.requested_at),
    type: "approval.requested",
    text: a.kind === "plan" ? "The plan waits for approval" : "The release waits for approval",
    url: null,
  }));
  const events = logged.rows.map((e): ThreadEvent => {
    const text = textOf(e.payload);
    if (e.type === "node.finished") {
      const url = /https?:\/\/\S+/.exec(text)?.[0] ?? null;
      return { kind: "event", at: iso(e.at), type: "deploy.finished", text, url };
    }
    return { kind: "event", at: iso(e.at), type: e.type as ThreadEvent["type"], text, url: null };
  });
  return [...requested, ...events];
}

/** Comments and events merged by time; at the same instant, events first (they caused talk). */
export function mergeThread(comments: CommentView[], events: ThreadEvent[]): ThreadEntry[] {
  const entries: ThreadEntry[] = [
    ...events,
    ...comments.map((comment) => ({ kind: "comment" as const, at: comment.createdAt, comment })),
  ];
  // A stable sort: events keep their log order among themselves, comments theirs.
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** An event's payload in words: a decision's who and why, a node's summary, a failure's message. */
function textOf(payload: Record<string, unknown>): string {
  const str = (key: string) => (typeof payload[key] === "string" ? (payload[key] as string) : "");
  if (str("by")) return str("comment") ? `${str("by")}: ${str("comment")}` : str("by");
  return str("summary") || str("message");
}
