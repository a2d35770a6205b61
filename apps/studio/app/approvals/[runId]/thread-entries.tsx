import { Time } from "../../_components/time.js";
import type { CommentView, ThreadEntry } from "../approval-types.js";

/** How each event reads in the thread, and the badge tone that goes with it. */
const EVENT_LABELS: Record<string, { label: string; tone: string }> = {
  "approval.requested": { label: "Approval requested", tone: "waiting" },
  "run.approved": { label: "Approved", tone: "success" },
  "run.rejected": { label: "Rejected", tone: "danger" },
  "deploy.finished": { label: "Deployed", tone: "success" },
  "run.succeeded": { label: "Run succeeded", tone: "success" },
  "run.failed": { label: "Run failed", tone: "danger" },
  "run.cancelled": { label: "Run cancelled", tone: "neutral" },
};

/** The run's thread: comments and what happened to the run, oldest first. */
export function ThreadEntries({ entries }: { entries: readonly ThreadEntry[] }) {
  if (entries.length === 0) return <p className="muted">No comments yet.</p>;
  return (
    <ol className="thread" aria-label="Thread">
      {entries.map((entry, i) =>
        entry.kind === "comment" ? (
          <li key={entry.comment.id} className="thread-comment">
            <p className="thread-meta">
              <strong>{authorOf(entry.comment)}</strong>{" "}
              <span className="muted small">
                <Time iso={entry.at} />
              </span>
            </p>
            <p className="thread-body">
              <CommentBody comment={entry.comment} />
            </p>
          </li>
        ) : (
          <li key={`${entry.type}-${entry.at}-${i}`} className="thread-event">
            <span className={`badge badge-${EVENT_LABELS[entry.type]?.tone ?? "neutral"}`}>
              {EVENT_LABELS[entry.type]?.label ?? entry.type}
            </span>{" "}
            {entry.url ? (
              <a href={entry.url}>{entry.url}</a>
            ) : entry.text ? (
              <span>{entry.text}</span>
            ) : null}{" "}
            <span className="muted small">
              <Time iso={entry.at} />
            </span>
          </li>
        ),
      )}
    </ol>
  );
}

function authorOf(comment: CommentView): string {
  if (!comment.author) return comment.authorId ? "a former member" : "a team token";
  return comment.author.displayName || comment.author.email;
}

/**
 * The comment's words with the team members it @mentions highlighted. The API decides what a
 * mention is (`comment.mentions`); this only finds those addresses again to mark them.
 */
export function CommentBody({ comment }: { comment: CommentView }) {
  if (comment.mentions.length === 0) return <>{comment.body}</>;
  const escaped = comment.mentions.map((m) => m.email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  // The same boundaries the API's parser keeps: not inside a longer address before it
  // (`x@bob@…`), and no letter, digit or `-.x` right after.
  const pattern = new RegExp(
    `(?<![\\w.%+@-])(@(?:${escaped.join("|")}))(?![A-Za-z0-9-]|\\.[A-Za-z0-9-])`,
    "gi",
  );
  const parts = comment.body.split(pattern);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="mention" title={mentionTitle(comment, part)}>
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

function mentionTitle(comment: CommentView, text: string): string {
  const member = comment.mentions.find((m) => `@${m.email}`.toLowerCase() === text.toLowerCase());
  return member ? `${member.displayName} is mentioned` : "mentioned";
}
