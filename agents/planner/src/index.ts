/**
 * @winky/planner: the app plan — a versioned zod schema every later step reads — its validator,
 * and the offline planner that turns a plain-English description into a plan with no network.
 */
export {
  AccessPolicy,
  AppPlan,
  Feature,
  Field,
  FieldType,
  Model,
  PLAN_VERSION,
  PlannedFunction,
  Screen,
  SmokeScenario,
} from "./plan-schema.js";
export { PlanError, isPlanError, type PlanIssue } from "./plan-error.js";
export { validatePlan } from "./validate-plan.js";
export { planOffline, type OfflinePlan, type PlanOfflineOptions } from "./offline/plan-offline.js";
export { PlannerRefusal, isPlannerRefusal, type RefusalCode } from "./offline/refusal.js";
export { MAX_PROMPT_CHARS } from "./offline/screen-input.js";
export { planWithModel, type ModelPlan } from "./llm/plan-with-model.js";
