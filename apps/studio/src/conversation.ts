/**
 * A chat about one app is one prompt: the first message, then each change asked for after it,
 * each on its own paragraph starting `Change:`. The planner reads the whole of it ("a notes
 * app…", "Change: add due dates", "Change: make it dark"), so every run plans from everything
 * said so far, and the chat shows the messages back from the prompt alone.
 */
const CHANGE = "\n\nChange: ";

/** The messages of a conversation's prompt, oldest first. */
export function messagesOf(prompt: string): string[] {
  return prompt
    .split(CHANGE)
    .map((message) => message.trim())
    .filter((message) => message.length > 0);
}

/** The prompt of the run that follows `prompt` with one more message. */
export function withChange(prompt: string, message: string): string {
  return `${prompt.trimEnd()}${CHANGE}${message.trim().replace(/\n{2,}/g, "\n")}`;
}

/** What a message sent now does to the run the chat is about (null: nothing yet). */
export type ChatMove = "start" | "change-plan" | "refine" | "wait";

/**
 * What sending a message means at `status`: before any run, it starts one; at the plan's
 * approval, it changes the plan (the plan is rejected with it, a new run plans again); once the
 * run is over, it refines the app (a new run of the same app); in between, it waits.
 */
export function moveAt(status: string | null, waitsForPlan: boolean): ChatMove {
  if (status === null) return "start";
  if (waitsForPlan) return "change-plan";
  if (status === "succeeded" || status === "failed" || status === "cancelled") return "refine";
  return "wait";
}
