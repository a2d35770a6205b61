import { describe, expect, it } from "vitest";
import type { AppPlan } from "./plan-schema.js";
import { isPlanError, type PlanError } from "./plan-error.js";
import { validatePlan } from "./validate-plan.js";
import { pathsOf, validPlan } from "../test/valid-plan.js";

describe("validatePlan, across the plan", () => {
  describe("when parts of the plan do not agree", () => {
    it.each([
      [
        "a screen's model that does not exist",
        (p: AppPlan) => (p.screens[2]!.model = "Task"),
        "screens[2].model",
      ],
      [
        "an owner field that is not a field",
        (p: AppPlan) => (p.models[0]!.ownerField = "authorId"),
        "models[0].ownerField",
      ],
      [
        "owner access without an owner field",
        (p: AppPlan) => delete p.models[0]!.ownerField,
        "models[0].ownerField",
      ],
      [
        "an owner field that is not a string",
        (p: AppPlan) => (p.models[0]!.ownerField = "image"),
        "models[0].ownerField",
      ],
      [
        "a parent that does not exist",
        (p: AppPlan) => (p.models[0]!.parent = "Folder"),
        "models[0].parent",
      ],
      [
        "a reference to no model",
        (p: AppPlan) => (p.models[0]!.fields[2]!.references = "Folder"),
        "models[0].fields[2].references",
      ],
      [
        "a role not in auth.roles",
        (p: AppPlan) => (p.auth.roles = ["editor"]),
        "models[1].access.roles[0]",
      ],
      ["a repeated route", (p: AppPlan) => (p.screens[3]!.route = "/notes"), "screens[3].route"],
      [
        "a repeated collection",
        (p: AppPlan) => (p.models[1]!.collection = "notes"),
        "models[1].collection",
      ],
      [
        "a function on no model",
        (p: AppPlan) =>
          (p.functions[0]!.trigger = { kind: "document", event: "create", model: "Task" }),
        "functions[0].trigger.model",
      ],
      ["seed for no model", (p: AppPlan) => (p.seed[0]!.model = "Task"), "seed[0].model"],
      [
        "seed with a field the model lacks",
        (p: AppPlan) => (p.seed[0]!.data = { colour: "red" }),
        "seed[0].data.colour",
      ],
      [
        "storage on without uploads",
        (p: AppPlan) => p.models[0]!.fields.splice(1, 1),
        "storage.enabled",
      ],
      [
        "storage off with an image field",
        (p: AppPlan) => {
          p.storage.enabled = false;
          p.features = [];
        },
        "storage.enabled",
      ],
      [
        "storage on without content types",
        (p: AppPlan) => (p.storage.contentTypes = []),
        "storage.contentTypes",
      ],
      [
        "models needing sign-in with no provider",
        (p: AppPlan) => (p.auth.providers = []),
        "auth.providers",
      ],
      ["email sign-in without a sign-in screen", (p: AppPlan) => p.screens.splice(0, 1), "screens"],
      ["uploads missing from the features", (p: AppPlan) => (p.features = []), "features"],
      [
        "realtime on with no realtime model",
        (p: AppPlan) => p.features.push("realtime"),
        "features[1]",
      ],
    ])("reports %s at its path", (_what, change, path) => {
      expect(pathsOf(change)).toEqual([path]);
    });

    it("reports a repeated model name (and what then reads the wrong model)", () => {
      const paths = pathsOf((p) => {
        p.models[1]!.name = "Note";
        p.models[0]!.fields[2]!.references = "Note";
      });
      expect(paths).toContain("models[1].name");
    });

    it("reports a parent chain that loops, on each model in it", () => {
      const paths = pathsOf((p) => {
        p.models[0]!.parent = "Room";
        p.models[1]!.parent = "Note";
      });
      expect(paths).toEqual(["models[0].parent", "models[1].parent"]);
    });

    it("reports every problem at once, and names them in the message", () => {
      const plan = validPlan();
      plan.screens[2]!.model = "Task";
      plan.models[0]!.ownerField = "authorId";
      let error: unknown;
      try {
        validatePlan(plan);
      } catch (e) {
        error = e;
      }
      expect(isPlanError(error)).toBe(true);
      const { issues, message } = error as PlanError;
      expect(issues).toEqual([
        { path: "models[0].ownerField", message: `"authorId" is not one of Note's fields` },
        { path: "screens[2].model", message: `no model is named "Task"` },
      ]);
      expect(message).toContain("models[0].ownerField");
      expect(message).toContain("screens[2].model");
    });
  });
});
