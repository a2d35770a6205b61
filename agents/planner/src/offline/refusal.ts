/**
 * Why the planner would not plan a prompt: `empty`, `too-long`, `not-an-app` (a question, a
 * poem), `unsafe` (asks to switch security off or make all data public without sign-in) or
 * `secrets` (asks to print or send keys, passwords or environment variables).
 */
export type RefusalCode = "empty" | "too-long" | "not-an-app" | "unsafe" | "secrets";

/**
 * The planner's answer to a prompt it will not plan. `reason` is written for the person who
 * typed the prompt — what is wrong and what to write instead — and is also the message.
 */
export class PlannerRefusal extends Error {
  override readonly name = "PlannerRefusal";

  constructor(
    readonly code: RefusalCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Brand check that works across bundles and realms, unlike `instanceof`. */
export function isPlannerRefusal(e: unknown): e is PlannerRefusal {
  return e instanceof Error && e.name === "PlannerRefusal" && "code" in e && "reason" in e;
}
