import type { AppPlan } from "../plan-schema.js";

/**
 * The planner's instructions to a model. The offline planner's plan goes with the request as
 * a draft: the model improves a valid plan rather than inventing the format, and the rules
 * that keep apps safe are stated where the model reads them.
 */
export const PLANNER_INSTRUCTIONS = [
  "You plan web apps for Winky-Coder: a React app on a Firestore-like backend with security rules.",
  "Read the person's request and return the app plan as JSON matching the schema.",
  "Start from the draft plan given with the request: keep what fits, change what the request says",
  "otherwise, add the models, fields, relations, screens, functions and features it asks for.",
  "Rules you must keep:",
  "- appName is kebab-case; keep the draft's appName.",
  "- Access is deny by default: 'owner' unless the request says people share the data ('shared'),",
  "  the public reads it ('public-read'), or roles decide ('role'); 'public' (anyone writes) only",
  "  when the request asks for exactly that.",
  "- Every model with an owner has an ownerField of type string; every screen names a route.",
  "- Smoke scenarios are short journeys in plain steps, like the draft's.",
  "- List in assumptions what you decided where the request was silent.",
  "- Never put secrets, keys or passwords in the plan.",
].join("\n");

export function planRequest(prompt: string, draft: AppPlan): string {
  return `The request:\n${prompt}\n\nThe draft plan:\n${JSON.stringify(draft)}`;
}
