import { askForObject, StructuredAnswerError, type UsageMeter } from "@winky/llm";
import type { ChatOpenAI } from "@langchain/openai";
import { planOffline } from "../offline/plan-offline.js";
import { AppPlan } from "../plan-schema.js";
import { validatePlan } from "../validate-plan.js";
import { PLANNER_INSTRUCTIONS, planRequest } from "./plan-prompt.js";

/** A plan, where it came from, and what a person should know about how it was made. */
export interface ModelPlan {
  plan: AppPlan;
  source: "model" | "offline";
  notes: string[];
}

/**
 * Plans with a model: the prompt is screened and drafted by the offline planner first (the
 * same refusals for both engines, and a valid draft for the model to improve), then the model
 * answers with a plan that must validate — and may not open data to everyone unless the draft
 * did, which only happens when the request asks for it. An invalid answer is sent back once
 * with what was wrong; a second one leaves the offline plan in place, with a note.
 *
 * @throws PlannerRefusal for a prompt no engine plans (empty, too long, not an app, unsafe).
 * @throws BudgetExceededError when the run's model budget is spent.
 */
export async function planWithModel(
  prompt: string,
  options: { model: ChatOpenAI; meter: UsageMeter; attempts?: number },
): Promise<ModelPlan> {
  const draft = planOffline(prompt);
  const publicInDraft = new Set(
    draft.plan.models.filter((m) => m.access.kind === "public").map((m) => m.name),
  );
  try {
    const { value, attempts } = await askForObject({
      model: options.model,
      schema: AppPlan,
      name: "app_plan",
      validate: (answer) => {
        const plan = validatePlan(answer);
        const opened = plan.models.filter(
          (m) => m.access.kind === "public" && !publicInDraft.has(m.name),
        );
        if (opened.length > 0) {
          throw new Error(
            `models.${opened[0]!.name}.access: 'public' lets anyone write; the request does not ask for it`,
          );
        }
        return { ...plan, appName: draft.plan.appName };
      },
      messages: [
        { role: "system", content: PLANNER_INSTRUCTIONS },
        { role: "user", content: planRequest(prompt, draft.plan) },
      ],
      meter: options.meter,
      node: "plan",
      ...(options.attempts ? { attempts: options.attempts } : {}),
    });
    const retried =
      attempts > 1 ? ["The model's first plan was invalid; its second was used."] : [];
    return { plan: value, source: "model", notes: [...draft.notes, ...retried] };
  } catch (e) {
    if (!(e instanceof StructuredAnswerError)) throw e;
    return {
      plan: draft.plan,
      source: "offline",
      notes: [
        ...draft.notes,
        `The model gave no valid plan (${e.problems.at(-1)}); the offline planner's plan is used.`,
      ],
    };
  }
}
