import type { z } from "zod";
import { AppPlan } from "./plan-schema.js";
import { PlanError, formatPath, type PlanIssue } from "./plan-error.js";
import { CHECKS } from "./plan-checks.js";
import { COHERENCE_CHECKS } from "./plan-coherence.js";

/**
 * Parses a plan and checks that it holds together: the zod schema first (shapes, formats),
 * then the checks across the plan — models named by screens, functions, parents, references
 * and seed exist; owner fields are fields; roles are declared; routes, collections and names
 * are unique; storage, sign-in and feature flags agree with the models.
 *
 * Cross-plan checks run only on a plan that parsed, since they read its typed structure.
 *
 * @throws {PlanError} with every issue and its path, e.g. `screens[2].model`.
 */
export function validatePlan(plan: unknown): AppPlan {
  const parsed = AppPlan.safeParse(plan);
  if (!parsed.success) throw new PlanError(fromZod(parsed.error));
  const issues = [...CHECKS, ...COHERENCE_CHECKS].flatMap((check) => check(parsed.data));
  if (issues.length > 0) throw new PlanError(issues);
  return parsed.data;
}

function fromZod(error: z.ZodError): PlanIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}
