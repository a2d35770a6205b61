import { describe, expect, it } from "vitest";
import { appOf, edit, FIXTURES, loadFixture, offlinePlan, PROMPTS } from "../test/fixtures.js";
import { reviewApp } from "./index.js";

const STRIPE = ["sk", "live", "51HqLyjWDarjtT1zdp7dcXwhcU4Xc0d9fhr6D"].join("_");

type App = ReturnType<typeof appOf>;
const review = ({ plan, files }: App) => reviewApp(plan, files);

/** The brief's mutations of a generated app, each with the one finding it must produce. */
const MUTATIONS: Array<{ name: string; app: () => App; finding: string }> = [
  {
    name: "a live Stripe key planted in a screen",
    app: () => {
      const app = appOf(loadFixture("notes"));
      const path = "src/screens/notes/note-list.tsx";
      app.files[path] = `const STRIPE = "${STRIPE}";\n${app.files[path]}`;
      return app;
    },
    finding:
      "secrets: src/screens/notes/note-list.tsx:1: Stripe secret key (sk_live_/sk_test_/rk_live_)",
  },
  {
    name: "a committed .env holding a secret",
    app: () => {
      const app = appOf(loadFixture("shop"));
      app.files[".env"] = `VITE_WINKY_PROJECT=corner-shop\nSTRIPE_SECRET_KEY=${STRIPE}\n`;
      return app;
    },
    finding:
      "secrets: .env: environment file is committed with secret values on line 2; delete it and list the names with empty values in .env.example",
  },
  {
    name: "an owner model's rule opened with `allow read, write: if true`",
    app: () => {
      const app = appOf(loadFixture("notes"));
      edit(
        app.files,
        "firestore.rules",
        "allow read: if isUser(resource.data.ownerId);",
        "allow read, write: if true;",
      );
      return app;
    },
    finding:
      'rules: firestore.rules:27: allow read, write on /notes/{noteId} is open to everyone (if true); Note access is "owner"',
  },
  {
    name: "a subcollection's match removed",
    app: () => {
      const app = appOf(loadFixture("chat"));
      const rules = app.files["firestore.rules"]!;
      const start = rules.indexOf("      // Message (messages)");
      const end = rules.indexOf("      }\n", start) + "      }\n".length;
      app.files["firestore.rules"] = rules.slice(0, start) + rules.slice(end);
      return app;
    },
    finding:
      'rules: firestore.rules has no match for Message documents (rooms/{roomId}/messages/{messageId}); add one with the "shared" access rules',
  },
  {
    name: "a screen's route deleted",
    app: () => {
      const app = appOf(loadFixture("notes"));
      edit(
        app.files,
        "src/routes.tsx",
        '  { path: "/notes/:noteId/edit", element: <NoteEditPage />, signedIn: true },\n',
        "",
      );
      return app;
    },
    finding:
      'coverage: screen "Edit note" (edit Note) at /notes/:noteId/edit is not registered in src/routes.tsx',
  },
  {
    name: "a function's source missing",
    app: () => {
      const app = appOf(loadFixture("shop"));
      delete app.files["functions/checkout.ts"];
      return app;
    },
    finding:
      "coverage: function checkout: winky.json names its source functions/checkout.ts, which the app does not have",
  },
  {
    name: "winky.json naming a missing rules file",
    app: () => {
      const app = appOf(loadFixture("events"));
      edit(
        app.files,
        "winky.json",
        '"storage": "storage.rules"',
        '"storage": "rules/storage.rules"',
      );
      return app;
    },
    finding:
      "coverage: winky.json names rules.storage rules/storage.rules, which the app does not have",
  },
];

describe("reviewApp", () => {
  describe("on apps the coder generates", () => {
    it.each(FIXTURES)("passes the %s fixture", (name) => {
      const report = review(appOf(loadFixture(name)));
      expect(report.findings).toEqual([]);
      expect(report).toMatchObject({
        ok: true,
        summary: "review passed: no secrets, rules sound, plan covered",
      });
    });

    it.each(PROMPTS)("passes the offline plan for %j", (prompt) => {
      expect(review(appOf(offlinePlan(prompt))).findings).toEqual([]);
    });
  });

  describe("on a mutated app", () => {
    it.each(MUTATIONS)("reports exactly one finding for $name", ({ app, finding }) => {
      const report = review(app());
      expect(report.findings).toEqual([finding]);
      expect(report.ok).toBe(false);
      expect(report.summary).toMatch(/^review found 1 problem \((secrets|rules|coverage) 1\)$/);
    });

    it("files each finding under its section, and lists them in section order", () => {
      // Three of the notes mutations in one app: a planted key, an open rule, a deleted route.
      const [key, , open, , route] = MUTATIONS.map((m) => m.app());
      const files = {
        ...appOf(loadFixture("notes")).files,
        "src/screens/notes/note-list.tsx": key!.files["src/screens/notes/note-list.tsx"]!,
        "firestore.rules": open!.files["firestore.rules"]!,
        "src/routes.tsx": route!.files["src/routes.tsx"]!,
      };
      const report = reviewApp(loadFixture("notes"), files);
      const [secret, , rule, , screen] = MUTATIONS.map((m) => m.finding);
      expect(report.sections.secrets).toEqual({ ok: false, findings: [secret] });
      expect(report.sections.rules).toEqual({ ok: false, findings: [rule] });
      expect(report.sections.coverage).toEqual({ ok: false, findings: [screen] });
      expect(report.sections.typecheck).toEqual({ ok: true, findings: [] });
      expect(report.findings).toEqual([secret, rule, screen]);
      expect(report.summary).toBe("review found 3 problems (secrets 1, rules 1, coverage 1)");
    });
  });

  describe("findings wording", () => {
    it("is the same for the same input, in the same order, across runs and regenerations", () => {
      const runs = [0, 1, 2].map(() => review(MUTATIONS[3]!.app()));
      expect(runs[1]).toEqual(runs[0]);
      expect(runs[2]).toEqual(runs[0]);
      const files = MUTATIONS[1]!.app().files;
      const reversed = Object.fromEntries(Object.entries(files).reverse());
      expect(reviewApp(loadFixture("shop"), reversed)).toEqual(
        reviewApp(loadFixture("shop"), files),
      );
    });
  });

  describe("with the test step's report", () => {
    it("folds in typecheck and lint findings, prefixed, and leaves failing tests out", () => {
      const testReport = {
        ok: false,
        summary: "tsc failed; 1 of 12 tests failed",
        findings: [
          "src/screens/notes/note-list.tsx(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
          "eslint: src/data/note.ts:3:1 'x' is assigned a value but never used (no-unused-vars)",
          "note-form.test.tsx › shows the title error: expected 'Title is required'",
        ],
      };
      const report = reviewApp(loadFixture("notes"), appOf(loadFixture("notes")).files, {
        testReport,
      });
      expect(report.sections.typecheck.findings).toEqual([
        "typecheck: src/screens/notes/note-list.tsx(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
        "typecheck: eslint: src/data/note.ts:3:1 'x' is assigned a value but never used (no-unused-vars)",
      ]);
      expect(report.ok).toBe(false);
      expect(report.summary).toBe("review found 2 problems (typecheck 2)");
    });

    it("passes when the test report is clean", () => {
      const testReport = { ok: true, summary: "12 tests passed", findings: [] };
      expect(
        reviewApp(loadFixture("notes"), appOf(loadFixture("notes")).files, { testReport }).ok,
      ).toBe(true);
    });
  });
});
