import { describe, expect, it } from "vitest";
import type { AppPlan } from "./plan-schema.js";
import { PlanError } from "./plan-error.js";
import { validatePlan } from "./validate-plan.js";

import { pathsOf, validPlan } from "../test/valid-plan.js";

describe("validatePlan", () => {
  it("returns a valid plan unchanged", () => {
    expect(validatePlan(validPlan())).toEqual(validPlan());
  });

  describe("when the shape is wrong", () => {
    it("reports the root for something that is not an object", () => {
      expect(() => validatePlan("a plan")).toThrow(PlanError);
      expect(pathsOf((p) => Object.assign(p, { title: undefined }))).toEqual(["title"]);
    });

    it.each([
      ["a non-kebab app name", (p: AppPlan) => (p.appName = "Team Notes"), "appName"],
      ["a double hyphen in the app name", (p: AppPlan) => (p.appName = "team--notes"), "appName"],
      ["an upper-case colour", (p: AppPlan) => (p.theme.primary = "#FFFFFF"), "theme.primary"],
      [
        "an unknown field type",
        (p: AppPlan) => Object.assign(p.models[0]!.fields[0]!, { type: "money" }),
        "models[0].fields[0].type",
      ],
      [
        "an enum without options",
        (p: AppPlan) => (p.models[0]!.fields[0]!.type = "enum"),
        "models[0].fields[0].options",
      ],
      [
        "options on a string",
        (p: AppPlan) => (p.models[0]!.fields[0]!.options = ["a", "b"]),
        "models[0].fields[0].options",
      ],
      [
        "a repeated field name",
        (p: AppPlan) => (p.models[0]!.fields[1]!.name = "title"),
        "models[0].fields[1].name",
      ],
      [
        "a role policy without roles",
        (p: AppPlan) => (p.models[1]!.access = { kind: "role" }),
        "models[1].access.roles",
      ],
      [
        "roles on an owner policy",
        (p: AppPlan) => (p.models[0]!.access = { kind: "owner", roles: ["admin"] }),
        "models[0].access.roles",
      ],
      [
        "a route with a trailing slash",
        (p: AppPlan) => (p.screens[2]!.route = "/notes/"),
        "screens[2].route",
      ],
      [
        "a list screen without a model",
        (p: AppPlan) => delete p.screens[2]!.model,
        "screens[2].model",
      ],
      [
        "a detail route without a parameter",
        (p: AppPlan) => (p.screens[3]!.route = "/note"),
        "screens[3].route",
      ],
      [
        "a schedule that is not cron",
        (p: AppPlan) => (p.functions[0]!.trigger = { kind: "schedule", schedule: "every day" }),
        "functions[0].trigger.schedule",
      ],
      [
        "a repeated provider",
        (p: AppPlan) => (p.auth.providers = ["email", "email"]),
        "auth.providers[1]",
      ],
      ["a repeated feature", (p: AppPlan) => (p.features = ["uploads", "uploads"]), "features[1]"],
      ["an unknown top-level key", (p: AppPlan) => Object.assign(p, { extra: true }), "(plan)"],
    ])("reports %s at its path", (_what, change, path) => {
      expect(pathsOf(change)).toContain(path);
    });
  });

  it("accepts a shop catalogue: public-read with admin writes and no owner field", () => {
    const plan = validPlan();
    plan.models[1]!.access = { kind: "public-read", roles: ["admin"] };
    expect(() => validatePlan(plan)).not.toThrow();
  });
});
