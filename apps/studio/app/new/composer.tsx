"use client";

import { useActionState, type KeyboardEvent } from "react";
import { TeamField } from "../_components/team-field.js";
import { INITIAL_FORM_STATE } from "../../src/form-state.js";
import type { ChatMove } from "../../src/conversation.js";
import { sendMessage } from "./actions.js";

const LABELS: Record<ChatMove, { label: string; hint: string; send: string }> = {
  start: {
    label: "Describe your app",
    hint: "Who uses it, what they keep in it, how they sign in. E.g. “a notes app with email login, markdown editor, tags and images”.",
    send: "Plan it",
  },
  "change-plan": {
    label: "Change the plan",
    hint: "Say what should be different (“add due dates”, “make it dark”); it is planned again from everything said.",
    send: "Change the plan",
  },
  refine: {
    label: "Change the app",
    hint: "A new run plans, builds and tests the app again with your change.",
    send: "Send",
  },
  wait: {
    label: "Message",
    hint: "The app is being built: changes can be asked once this run is over.",
    send: "Send",
  },
};

/** The chat's message box. Ctrl+Enter (⌘+Enter) sends, as in chat apps. */
export function Composer({
  runId,
  move,
  canAct,
  whyNot,
}: {
  runId: string | null;
  move: ChatMove;
  canAct: boolean;
  whyNot: string;
}) {
  const [state, action, pending] = useActionState(
    sendMessage.bind(null, runId),
    INITIAL_FORM_STATE,
  );
  const text = LABELS[move];
  const disabled = !canAct || move === "wait";
  const problem = state.problem;
  const sendOnCtrlEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      (
        event.currentTarget as unknown as { form: { requestSubmit(): void } | null }
      ).form?.requestSubmit();
    }
  };
  return (
    <form action={action} className="form composer">
      <TeamField />
      <div className="field">
        <label htmlFor="message">{text.label}</label>
        <textarea
          id="message"
          name="message"
          rows={move === "start" ? 4 : 2}
          required
          maxLength={20_000}
          disabled={disabled}
          defaultValue={state.values.message ?? ""}
          onKeyDown={sendOnCtrlEnter}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "message-problem" : "message-hint"}
        />
        {problem ? (
          <p id="message-problem" className="field-error" role="alert">
            {problem}
          </p>
        ) : (
          <p id="message-hint" className="muted small">
            {canAct ? text.hint : whyNot}
          </p>
        )}
      </div>
      <div>
        <button type="submit" className="button" disabled={disabled || pending}>
          {pending ? "Sending…" : text.send}
        </button>{" "}
        <span className="muted small">Ctrl+Enter sends</span>
      </div>
    </form>
  );
}
