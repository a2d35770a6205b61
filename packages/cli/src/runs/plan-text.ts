import type { AppPlan } from "@winky/planner";

const ACCESS: Record<AppPlan["models"][number]["access"]["kind"], string> = {
  owner: "each user sees only their own",
  shared: "signed-in users read; owners write",
  "public-read": "anyone reads; owners write",
  role: "users with a role write; signed-in users read",
  public: "anyone reads and writes",
};

/** What a person reads before approving a plan: the app in a screenful, then the preview. */
export function planText(plan: AppPlan, preview?: Record<string, unknown>): string {
  const lines = [`${plan.title} (${plan.appName}): ${plan.summary}`];
  lines.push(
    `  Sign-in: ${plan.auth.providers.join(", ") || "none"}` +
      (plan.auth.roles.length ? `; roles: ${plan.auth.roles.join(", ")}` : ""),
  );
  for (const model of plan.models) {
    const fields = model.fields.map((f) => `${f.name}${f.required ? "*" : ""} ${f.type}`);
    const roles = model.access.roles ? ` (${model.access.roles.join(", ")})` : "";
    lines.push(`  ${model.name} [${model.collection}]: ${fields.join(", ")}`);
    lines.push(
      `    access: ${ACCESS[model.access.kind]}${roles}${model.realtime ? "; live updates" : ""}`,
    );
  }
  lines.push(`  Screens: ${plan.screens.map((s) => s.route).join("  ")}`);
  for (const fn of plan.functions) {
    lines.push(`  Function ${fn.name} (${fn.trigger.kind}): ${fn.purpose}`);
  }
  if (plan.storage.enabled) {
    lines.push(
      `  Uploads: ${plan.storage.uploads.join(", ")}, up to ${plan.storage.maxFileMb} MB ` +
        `(${plan.storage.contentTypes.join(", ")})`,
    );
  }
  if (plan.features.length) lines.push(`  Features: ${plan.features.join(", ")}`);
  lines.push(`  Theme: ${plan.theme.style}, ${plan.theme.mode}, ${plan.theme.primary}`);
  if (plan.assumptions.length) {
    lines.push("  Assumed:", ...plan.assumptions.map((a) => `    - ${a}`));
  }
  const screens = (preview?.screens ?? []) as Array<{ png?: string }>;
  const pngs = screens.flatMap((s) => (s.png ? [s.png] : []));
  if (pngs.length) {
    const dir = dirOf(dirOf(pngs[0]!));
    lines.push(
      `  Preview: ${dir} (${pngs.length} wireframes as PNG and SVG, files.txt, cost.json)`,
    );
  }
  const cost = preview?.cost as
    | { runtime?: { users: number; dollarsPerMonth: number }; llm?: { dollars: number } | null }
    | undefined;
  if (cost?.runtime) {
    lines.push(
      `  Cost: ${cost.llm ? `$${cost.llm.dollars.toFixed(2)} of LLM tokens` : "no LLM (offline engine)"}; ` +
        `about $${cost.runtime.dollarsPerMonth.toFixed(2)}/month for ${cost.runtime.users} users`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function dirOf(file: string): string {
  return file.slice(0, file.lastIndexOf("/"));
}
