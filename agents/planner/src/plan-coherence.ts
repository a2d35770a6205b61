import type { AppPlan } from "./plan-schema.js";
import { formatPath, type PlanIssue } from "./plan-error.js";

/**
 * Checks that the plan's switches agree with its content: storage with upload fields, sign-in
 * with data that needs a user, feature flags with what the templates will find. A mismatch
 * either builds dead code (a bucket nobody writes) or a broken app (a private model nobody can
 * sign in to read), so the plan is refused before the coder starts.
 */
type Check = (plan: AppPlan) => PlanIssue[];

const issue = (path: PropertyKey[], message: string): PlanIssue => ({
  path: formatPath(path),
  message,
});

const uploadFields = (plan: AppPlan) =>
  plan.models.flatMap((m) =>
    m.fields
      .filter((f) => f.type === "image" || f.type === "file")
      .map((f) => `${m.name}.${f.name}`),
  );

const storage: Check = (plan) => {
  const fields = uploadFields(plan);
  const { enabled, uploads, contentTypes } = plan.storage;
  if (enabled && fields.length === 0)
    return [issue(["storage", "enabled"], "storage is enabled but no field is an image or file")];
  if (!enabled && fields.length > 0)
    return [issue(["storage", "enabled"], `storage is off but ${fields.join(", ")} upload files`)];
  const out: PlanIssue[] = [];
  if (enabled && uploads.length === 0)
    out.push(issue(["storage", "uploads"], "enabled storage says what is uploaded"));
  if (enabled && contentTypes.length === 0)
    out.push(
      issue(["storage", "contentTypes"], "enabled storage lists the content types it accepts"),
    );
  return out;
};

/** Every access kind but `public` reads `request.auth`, so somebody must be able to sign in. */
const signIn: Check = (plan) => {
  const out: PlanIssue[] = [];
  const needs = plan.models.find((m) => m.access.kind !== "public");
  if (needs && plan.auth.providers.length === 0)
    out.push(
      issue(
        ["auth", "providers"],
        `${needs.name} has ${needs.access.kind} access, so a sign-in provider is needed`,
      ),
    );
  const interactive = plan.auth.providers.some((p) => p !== "anonymous");
  if (interactive && !plan.screens.some((s) => s.kind === "sign-in"))
    out.push(issue(["screens"], "a plan with sign-in providers has a sign-in screen"));
  return out;
};

/** Flags the templates switch on must match what the plan holds, in both directions. */
const features: Check = (plan) => {
  const has = new Set(plan.features);
  const facts: [flag: AppPlan["features"][number], holds: boolean, what: string][] = [
    ["uploads", plan.storage.enabled, "storage is enabled"],
    ["realtime", plan.models.some((m) => m.realtime), "a model is realtime"],
    ["admin-panel", plan.screens.some((s) => s.kind === "admin"), "there is an admin screen"],
  ];
  return facts.flatMap(([flag, holds, what]) => {
    if (holds && !has.has(flag))
      return [issue(["features"], `"${flag}" is missing although ${what}`)];
    if (!holds && has.has(flag))
      return [
        issue(
          ["features", plan.features.indexOf(flag)],
          `"${flag}" is on but it is not the case that ${what}`,
        ),
      ];
    return [];
  });
};

export const COHERENCE_CHECKS: readonly Check[] = [storage, signIn, features];
