/** One thing wrong with a plan, at a path such as `models[1].ownerField`. */
export interface PlanIssue {
  path: string;
  message: string;
}

/** How many issues a message lists before it says "and N more"; `issues` always has all. */
const LISTED = 8;

/**
 * A plan that does not hold together: a shape zod rejects, or a reference across the plan
 * (a screen's model, a role, an owner field) that points nowhere. `issues` name each problem
 * at its path so a person — or the planner's fix step — can correct exactly that spot.
 */
export class PlanError extends Error {
  override readonly name = "PlanError";

  constructor(readonly issues: readonly PlanIssue[]) {
    const listed = issues.slice(0, LISTED).map((i) => `${i.path}: ${i.message}`);
    const more = issues.length > LISTED ? `; and ${issues.length - LISTED} more` : "";
    super(`The plan is invalid: ${listed.join("; ")}${more}`);
  }
}

/** Brand check that works across bundles and realms, unlike `instanceof`. */
export function isPlanError(e: unknown): e is PlanError {
  return e instanceof Error && e.name === "PlanError" && Array.isArray((e as PlanError).issues);
}

/** `["models", 1, "ownerField"]` → `models[1].ownerField`; the root is `(plan)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(plan)";
}
