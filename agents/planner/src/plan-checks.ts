import type { AppPlan, Model } from "./plan-schema.js";
import { formatPath, type PlanIssue } from "./plan-error.js";

/**
 * Checks across the plan that zod cannot express one object at a time. Each returns issues at
 * precise paths; none throws, so one pass reports every problem at once.
 */
type Check = (plan: AppPlan) => PlanIssue[];

const issue = (path: PropertyKey[], message: string): PlanIssue => ({
  path: formatPath(path),
  message,
});

/** Issues at each index whose key repeats an earlier one. */
function repeats<T>(
  items: readonly T[],
  key: (t: T) => string,
  path: (i: number) => PropertyKey[],
  what: string,
) {
  const seen = new Set<string>();
  return items.flatMap((item, i) => {
    const k = key(item);
    const dup = seen.has(k);
    seen.add(k);
    return dup ? [issue(path(i), `repeats the ${what} "${k}"`)] : [];
  });
}

const uniqueNames: Check = (plan) => [
  ...repeats(
    plan.models,
    (m) => m.name,
    (i) => ["models", i, "name"],
    "model name",
  ),
  ...repeats(
    plan.models,
    (m) => m.collection,
    (i) => ["models", i, "collection"],
    "collection",
  ),
  ...repeats(
    plan.screens,
    (s) => s.route,
    (i) => ["screens", i, "route"],
    "route",
  ),
  ...repeats(
    plan.functions,
    (f) => f.name,
    (i) => ["functions", i, "name"],
    "function name",
  ),
];

/** Kinds whose rules let "owners write theirs": they need to know which field holds the uid. */
function needsOwner(m: Model): boolean {
  const { kind, roles } = m.access;
  return kind === "owner" || kind === "shared" || (kind === "public-read" && !roles);
}

const ownerFields: Check = (plan) =>
  plan.models.flatMap((m, i) => {
    if (m.ownerField === undefined)
      return needsOwner(m)
        ? [issue(["models", i, "ownerField"], `${m.access.kind} access needs an ownerField`)]
        : [];
    const field = m.fields.find((f) => f.name === m.ownerField);
    if (!field)
      return [
        issue(["models", i, "ownerField"], `"${m.ownerField}" is not one of ${m.name}'s fields`),
      ];
    return field.type === "string"
      ? []
      : [
          issue(
            ["models", i, "ownerField"],
            `"${m.ownerField}" holds a uid, so its type is string`,
          ),
        ];
  });

/** Parents and references name existing models; a parent chain never loops back. */
const relations: Check = (plan) => {
  const byName = new Map(plan.models.map((m) => [m.name, m]));
  return plan.models.flatMap((m, i) => {
    const out: PlanIssue[] = [];
    if (m.parent !== undefined) {
      if (!byName.has(m.parent))
        out.push(issue(["models", i, "parent"], `no model is named "${m.parent}"`));
      else if (loops(m, byName))
        out.push(issue(["models", i, "parent"], `${m.name}'s parent chain loops back to it`));
    }
    m.fields.forEach((f, j) => {
      if (f.references !== undefined && !byName.has(f.references))
        out.push(
          issue(["models", i, "fields", j, "references"], `no model is named "${f.references}"`),
        );
    });
    return out;
  });
};

function loops(model: Model, byName: Map<string, Model>): boolean {
  const seen = new Set([model.name]);
  for (let p = model.parent; p !== undefined; p = byName.get(p)?.parent) {
    if (seen.has(p)) return true;
    seen.add(p);
  }
  return false;
}

const roles: Check = (plan) => {
  const declared = new Set(plan.auth.roles);
  return plan.models.flatMap((m, i) =>
    (m.access.roles ?? []).flatMap((r, k) =>
      declared.has(r)
        ? []
        : [issue(["models", i, "access", "roles", k], `role "${r}" is not in auth.roles`)],
    ),
  );
};

const modelsNamed: Check = (plan) => {
  const names = new Set(plan.models.map((m) => m.name));
  const unknown = (n: string) => `no model is named "${n}"`;
  return [
    ...plan.screens.flatMap((s, i) =>
      s.model !== undefined && !names.has(s.model)
        ? [issue(["screens", i, "model"], unknown(s.model))]
        : [],
    ),
    ...plan.functions.flatMap((f, i) =>
      f.trigger.kind === "document" && !names.has(f.trigger.model)
        ? [issue(["functions", i, "trigger", "model"], unknown(f.trigger.model))]
        : [],
    ),
  ];
};

/** Seed documents go into existing models and only set fields those models have. */
const seed: Check = (plan) => {
  const byName = new Map(plan.models.map((m) => [m.name, m]));
  return plan.seed.flatMap((s, i) => {
    const model = byName.get(s.model);
    if (!model) return [issue(["seed", i, "model"], `no model is named "${s.model}"`)];
    const fields = new Set(model.fields.map((f) => f.name));
    return Object.keys(s.data)
      .filter((k) => !fields.has(k))
      .map((k) => issue(["seed", i, "data", k], `${s.model} has no field "${k}"`));
  });
};

export const CHECKS: readonly Check[] = [
  uniqueNames,
  ownerFields,
  relations,
  roles,
  modelsNamed,
  seed,
];
