import type { AppModel, ModelInfo } from "../analyze.js";
import { lines, ts } from "../naming.js";
import { checkoutBody } from "./checkout-source.js";
import { notifyBody } from "./notify-source.js";
import { documentPathPattern } from "./paths.js";
import { preludeFor } from "./prelude.js";
import { setRoleBody } from "./role-source.js";
import type { FunctionInfo } from "./recipes.js";
import { authEventType, documentEventType, fieldEntries } from "./source-parts.js";

/** `functions/<name>.ts`: the deployable source of a planned function. */
export function functionSource(app: AppModel, info: FunctionInfo): string {
  const body = bodyOf(app, info);
  return lines(
    `// Generated from the plan: ${info.fn.purpose.replace(/\n/g, " ")}`,
    `// Trigger: ${JSON.stringify(info.trigger)} (winky.json deploys it). One self-contained module:`,
    `// the runtime bundles it without node_modules, and runs it with rules bypassed.`,
    "",
    preludeFor(body),
    "",
    body,
  );
}

function bodyOf(app: AppModel, info: FunctionInfo): string {
  const { recipe } = info;
  const name = info.fn.name;
  switch (recipe.kind) {
    case "checkout":
      return checkoutBody(name, recipe);
    case "notify":
      return notifyBody(name, recipe, app.notifications!);
    case "profile":
      return profileBody(name, recipe.profile);
    case "setRole":
      return setRoleBody(name, recipe, app.project);
    case "schedule":
      return lines(
        `export interface ScheduleEvent {`,
        `  eventId: string;`,
        `  scheduleTime: string;`,
        `  schedule: string;`,
        `  timeZone?: string;`,
        `}`,
        "",
        `/** Runs on ${ts(String(info.trigger.schedule))}: records each run in \`jobRuns/${name}\`. */`,
        `export default async function ${name}(event: ScheduleEvent, context: Context): Promise<void> {`,
        `  // The plan's purpose, to build on: ${info.fn.purpose.replace(/\n/g, " ")}`,
        `  await context.documents.commit([`,
        `    {`,
        `      update: {`,
        `        name: "jobRuns/${name}",`,
        `        fields: { schedule: { stringValue: event.schedule }, lastRun: { stringValue: String(event.scheduleTime) } },`,
        `      },`,
        `    },`,
        `  ]);`,
        `}`,
      );
    case "callable":
      return lines(
        `/** A callable scaffold: answers who called; the plan's purpose is to be built on it. */`,
        `export default async function ${name}(data: unknown, context: Context): Promise<{ ok: true; uid: string }> {`,
        `  const uid = context.auth?.uid;`,
        `  // A refusal is "<code>: <sentence>": the caller gets the code, the app shows the sentence.`,
        `  if (!uid) throw new Error("unauthenticated: Sign in first.");`,
        `  console.log(${ts(`${name} called with`)}, JSON.stringify(data ?? null).slice(0, 200));`,
        `  return { ok: true, uid };`,
        `}`,
      );
    case "document":
      return lines(
        documentEventType(),
        "",
        `/** A document-trigger scaffold: logs the change. */`,
        `export default async function ${name}(event: DocumentEvent, _context: Context): Promise<void> {`,
        `  console.log(${ts(`${name}:`)}, event.kind, event.path, event.after ? "written" : "deleted");`,
        `}`,
      );
    case "auth":
      return lines(
        authEventType(),
        "",
        `/** An auth-trigger scaffold: logs the user. */`,
        `export default async function ${name}(event: AuthEvent, _context: Context): Promise<void> {`,
        `  console.log(${ts(`${name}:`)}, event.kind, event.user?.uid ?? "unknown user");`,
        `}`,
      );
  }
}

function profileBody(name: string, profile: ModelInfo | undefined): string {
  if (!profile) {
    return lines(
      authEventType(),
      "",
      `/** The plan has no profile model to fill: logs each new user. */`,
      `export default async function ${name}(event: AuthEvent, _context: Context): Promise<void> {`,
      `  console.log(${ts(`${name}: new user`)}, event.user?.uid ?? "unknown");`,
      `}`,
    );
  }
  const nameField = profile.fields.find((f) => f.type === "string" && /name/i.test(f.name));
  const emailField = profile.fields.find((f) => f.type === "email");
  const known: Record<string, string> = { [profile.ownerField!]: "{ stringValue: user.uid }" };
  if (nameField)
    known[nameField.name] = `{ stringValue: (user.email ?? "").split("@")[0] || "New user" }`;
  if (emailField) known[emailField.name] = `{ stringValue: user.email ?? "" }`;
  const entries = fieldEntries(profile, known);
  const masked = entries.map((e) => ts(e.split(":")[0]!));
  return lines(
    authEventType(),
    "",
    `/** Creates each new user's ${profile.label} at \`${documentPathPattern(profile).replace(/\{[^}]+\}$/, "{uid}")}\`. */`,
    `export default async function ${name}(event: AuthEvent, context: Context): Promise<void> {`,
    `  const user = event.user;`,
    `  if (!user) return;`,
    `  await context.documents.commit([`,
    `    {`,
    `      update: {`,
    `        name: \`${profile.model.collection}/\${user.uid}\`,`,
    `        fields: {`,
    ...entries.map((e) => `          ${e}`),
    `        },`,
    `      },`,
    `      // Only these fields: a profile the user already started keeps the rest.`,
    `      updateMask: { fieldPaths: [${masked.join(", ")}] },`,
    `      updateTransforms: TIMESTAMPS,`,
    `    },`,
    `  ]);`,
    `}`,
  );
}
