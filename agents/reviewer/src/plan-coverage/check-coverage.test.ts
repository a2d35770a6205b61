import { plannedFiles } from "@winky/coder";
import type { AppPlan } from "@winky/planner";
import { describe, expect, it } from "vitest";
import { appOf, edit, FIXTURES, loadFixture, offlinePlan, PROMPTS } from "../../test/fixtures.js";
import { dataPath, modelPath, screenPath } from "./app-layout.js";
import { checkCoverage } from "./check-coverage.js";
import { readWinkyConfig } from "./winky-config.js";

function coverage(plan: AppPlan, files: Record<string, string>): string[] {
  const { config, finding } = readWinkyConfig(files);
  return [...(finding ? [finding] : []), ...checkCoverage(plan, files, config)];
}

describe("plan coverage", () => {
  describe("the coder's layout", () => {
    it.each(
      [...FIXTURES.map((n) => loadFixture(n)), ...PROMPTS.map(offlinePlan)].map((p) => [
        p.appName,
        p,
      ]),
    )("names the files the coder plans for %s", (_, plan) => {
      const planned = new Set(plannedFiles(plan));
      for (const model of plan.models) {
        expect(planned).toContain(modelPath(model));
        expect(planned).toContain(dataPath(model));
        expect(planned).toContain(screenPath(model, "list"));
        expect(planned).toContain(screenPath(model, "detail"));
      }
    });
  });

  it.each(FIXTURES)("finds the %s app complete", (name) => {
    const { plan, files } = appOf(loadFixture(name));
    expect(coverage(plan, files)).toEqual([]);
  });

  describe("when part of the plan is missing", () => {
    it("reports a deleted screen route", () => {
      const { plan, files } = appOf(loadFixture("chat"));
      edit(
        files,
        "src/routes.tsx",
        '  { path: "/rooms/:roomId/messages/new", element: <MessageCreatePage />, signedIn: true },\n',
        "",
      );
      expect(coverage(plan, files)).toEqual([
        'coverage: screen "New message" (create Message) at /rooms/:roomId/messages/new is not registered in src/routes.tsx',
      ]);
    });

    it("reports a deleted screen file and model file", () => {
      const { plan, files } = appOf(loadFixture("notes"));
      delete files["src/screens/notes/note-edit.tsx"];
      delete files["src/models/note.ts"];
      expect(coverage(plan, files)).toEqual([
        "coverage: model Note has no model file (src/models/note.ts)",
        "coverage: model Note has no edit screen (src/screens/notes/note-edit.tsx)",
      ]);
    });

    it("reports a missing function source", () => {
      const { plan, files } = appOf(loadFixture("chat"));
      delete files["functions/nightlyCleanup.ts"];
      expect(coverage(plan, files)).toEqual([
        "coverage: function nightlyCleanup: winky.json names its source functions/nightlyCleanup.ts, which the app does not have",
      ]);
    });

    it("reports a function winky.json does not declare, or declares with another trigger", () => {
      const { plan, files } = appOf(loadFixture("shop"));
      edit(files, "winky.json", '"name": "checkout"', '"name": "checkoutCart"');
      expect(coverage(plan, files)).toEqual([
        "coverage: function checkout is not declared in winky.json functions",
      ]);
      const chat = appOf(loadFixture("chat"));
      edit(chat.files, "winky.json", '"kind": "schedule"', '"kind": "callable"');
      expect(coverage(chat.plan, chat.files)).toEqual([
        'coverage: function nightlyCleanup has trigger "callable" in winky.json; the plan says "schedule"',
      ]);
    });

    it("reports winky.json naming a rules file the app does not have", () => {
      const { plan, files } = appOf(loadFixture("chat"));
      edit(
        files,
        "winky.json",
        '"firestore": "firestore.rules"',
        '"firestore": "rules/firestore.rules"',
      );
      expect(coverage(plan, files)).toEqual([
        "coverage: winky.json names rules.firestore rules/firestore.rules, which the app does not have",
      ]);
    });

    it("reports a missing or unreadable winky.json", () => {
      const { plan, files } = appOf(loadFixture("notes"));
      files["winky.json"] = "{";
      expect(coverage(plan, files)).toEqual(["coverage: winky.json is not valid JSON"]);
      delete files["winky.json"];
      expect(coverage(plan, files)).toEqual(["coverage: winky.json is missing"]);
    });
  });

  describe("a model only functions write", () => {
    it("needs no create or edit screen when the rules let nobody create it", () => {
      const { plan, files } = appOf(loadFixture("shop"));
      expect(files["src/screens/orders/order-create.tsx"]).toBeUndefined();
      const creatable = (m: { name: string }) => m.name !== "Order";
      const { config } = readWinkyConfig(files);
      expect(checkCoverage(plan, files, config, { creatable })).toEqual([]);
      expect(checkCoverage(plan, files, config, { creatable: () => true })).toEqual([
        "coverage: model Order has no create screen (src/screens/orders/order-create.tsx)",
        "coverage: model Order has no edit screen (src/screens/orders/order-edit.tsx)",
      ]);
    });
  });
});
