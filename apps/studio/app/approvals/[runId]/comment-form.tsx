"use client";

import { useActionState } from "react";
import { commentOnRun } from "./actions.js";
import { initialCommentState } from "./comment-state.js";

/** The longest comment the API takes (`approvals.comment`). */
const MAX_COMMENT_LENGTH = 4000;

/**
 * The thread's comment box. Viewers see it disabled, with why; the API still decides. After a
 * comment is sent the box is remade empty (its key is the number sent so far).
 */
export function CommentForm({
  runId,
  canComment,
  whyNot,
}: {
  runId: string;
  canComment: boolean;
  whyNot: string;
}) {
  const [state, send, sending] = useActionState(
    commentOnRun.bind(null, runId),
    initialCommentState,
  );
  const problem = state.problem;
  return (
    <form action={send} className="form comment-form" key={state.sent}>
      <div className="field">
        <label htmlFor="comment-body">Comment</label>
        <textarea
          id="comment-body"
          name="body"
          rows={3}
          maxLength={MAX_COMMENT_LENGTH}
          required
          disabled={!canComment}
          title={canComment ? undefined : whyNot}
          aria-describedby={problem ? "comment-hint comment-problem" : "comment-hint"}
          aria-invalid={problem ? true : undefined}
        />
        <p id="comment-hint" className="muted small">
          Mention a teammate with <code>@their@email.com</code>; at most {MAX_COMMENT_LENGTH}{" "}
          characters.
        </p>
        {problem ? (
          <p id="comment-problem" className="field-error" role="alert">
            {problem.message} ({problem.code})
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button" disabled={!canComment || sending}>
          {sending ? "Sending…" : "Add comment"}
        </button>
      </div>
      {!canComment ? <p className="muted small">{whyNot}</p> : null}
      {state.sent > 0 && !problem ? (
        <p role="status" className="visually-hidden">
          Comment added.
        </p>
      ) : null}
    </form>
  );
}
