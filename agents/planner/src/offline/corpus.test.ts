import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AppPlan, Model } from "../plan-schema.js";
import { validatePlan } from "../validate-plan.js";
import { planOffline } from "./plan-offline.js";

/**
 * The corpus: varied prompts (test/prompts/*.json) with the essentials their plans must have,
 * asserted exactly — model names, key fields and types, parents, access, realtime, features,
 * providers, roles, functions, storage, theme when stated. Not snapshots: a plan may gain a
 * seed document or an assumption without breaking a case, but not a model or a feature.
 */
const ACCESS = z.enum(["owner", "shared", "public-read", "role", "public"]);
const ModelExpectation = z
  .object({
    /** name → "type", "enum(a|b)" or "reference->Model"; the plan may have more fields. */
    fields: z.record(z.string(), z.string()).optional(),
    /** null: a top-level model. */
    parent: z.string().nullable().optional(),
    access: ACCESS,
    roles: z.array(z.string()).optional(),
    realtime: z.boolean().optional(),
  })
  .strict();
const Case = z
  .object({
    id: z.string(),
    domain: z.string(),
    prompt: z.string(),
    expect: z
      .object({
        models: z.record(z.string(), ModelExpectation),
        features: z.array(z.string()),
        providers: z.array(z.string()),
        roles: z.array(z.string()).default([]),
        /** name → "callable", "document:create:Message", "schedule:0 8 * * *", "auth:create". */
        functions: z.record(z.string(), z.string()),
        storage: z.boolean(),
        theme: z
          .object({ mode: z.string(), primary: z.string(), accent: z.string(), style: z.string() })
          .partial()
          .strict()
          .optional(),
        appName: z.string().optional(),
        screens: z.array(z.string()).optional(),
      })
      .strict(),
  })
  .strict();
type Case = z.infer<typeof Case>;

const dir = fileURLToPath(new URL("../../test/prompts/", import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();
const cases: Case[] = files.flatMap((f) =>
  z.array(Case).parse(JSON.parse(readFileSync(dir + f, "utf8"))),
);

function describeField(f: Model["fields"][number]): string {
  if (f.type === "enum") return `enum(${f.options!.join("|")})`;
  if (f.type === "reference") return `reference->${f.references}`;
  return f.type;
}

function describeTrigger(fn: AppPlan["functions"][number]): string {
  const t = fn.trigger;
  if (t.kind === "document") return `document:${t.event}:${t.model}`;
  if (t.kind === "schedule") return `schedule:${t.schedule}`;
  if (t.kind === "auth") return `auth:${t.event}`;
  return "callable";
}

describe("the offline planner on the prompt corpus", () => {
  it("has at least 45 prompts across at least 30 domains, each id once", () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
    expect(new Set(cases.map((c) => c.domain)).size).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  describe.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const { plan } = planOffline(c.prompt);
    const e = c.expect;

    it("passes validatePlan", () => {
      expect(() => validatePlan(plan)).not.toThrow();
    });

    it("has exactly the expected models", () => {
      expect(plan.models.map((m) => m.name).sort()).toEqual(Object.keys(e.models).sort());
    });

    it.each(Object.entries(e.models))("plans %s as expected", (name, want) => {
      const m = plan.models.find((x) => x.name === name);
      expect(m, `model ${name}`).toBeDefined();
      const got = Object.fromEntries(m!.fields.map((f) => [f.name, describeField(f)]));
      for (const [field, type] of Object.entries(want.fields ?? {}))
        expect(got[field], `${name}.${field}`).toBe(type);
      if (want.parent !== undefined) expect(m!.parent ?? null, `${name}.parent`).toBe(want.parent);
      expect(m!.access.kind, `${name}.access`).toBe(want.access);
      if (want.roles) expect(m!.access.roles, `${name}.access.roles`).toEqual(want.roles);
      if (want.realtime !== undefined) expect(m!.realtime, `${name}.realtime`).toBe(want.realtime);
    });

    it("has the expected features, sign-in, roles, functions and storage", () => {
      expect([...plan.features].sort(), "features").toEqual([...e.features].sort());
      expect(plan.auth.providers, "providers").toEqual(e.providers);
      expect(plan.auth.roles, "roles").toEqual(e.roles);
      expect(
        Object.fromEntries(plan.functions.map((f) => [f.name, describeTrigger(f)])),
        "functions",
      ).toEqual(e.functions);
      expect(plan.storage.enabled, "storage").toBe(e.storage);
    });

    it("names the app and themes it as the prompt says", () => {
      if (e.appName) expect(plan.appName).toBe(e.appName);
      for (const [k, v] of Object.entries(e.theme ?? {}))
        expect(plan.theme[k as keyof AppPlan["theme"]], `theme.${k}`).toBe(v);
      for (const kind of e.screens ?? []) expect(plan.screens.map((s) => s.kind)).toContain(kind);
    });
  });
});
