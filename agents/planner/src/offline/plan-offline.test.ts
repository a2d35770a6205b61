import { describe, expect, it } from "vitest";
import { validatePlan } from "../validate-plan.js";
import { planOffline } from "./plan-offline.js";
import { isPlannerRefusal, type RefusalCode } from "./refusal.js";
import { MAX_PROMPT_CHARS } from "./screen-input.js";

/** The refusal a prompt gets, or undefined when it is planned. */
function refusalOf(prompt: string): { code: RefusalCode; reason: string } | undefined {
  try {
    planOffline(prompt);
    return undefined;
  } catch (e) {
    if (isPlannerRefusal(e)) return { code: e.code, reason: e.reason };
    throw e;
  }
}

describe("planOffline", () => {
  describe("when the prompt is not something to plan", () => {
    it.each([
      ["empty", "", "empty", /prompt is empty/],
      ["whitespace", "  \n\t  ", "empty", /prompt is empty/],
      [
        "100 KB",
        "a notes app ".repeat(8_600),
        "too-long",
        /103,200 characters; the limit is 20,000/,
      ],
      [
        "a weather question",
        "what is the weather",
        "not-an-app",
        /does not read like an app description/,
      ],
      ["a poem", "write me a poem", "not-an-app", /does not read like an app description/],
      [
        "a joke",
        "Tell me a joke about cats",
        "not-an-app",
        /does not read like an app description/,
      ],
      ["small talk", "hello there", "not-an-app", /does not read like an app description/],
    ])("refuses %s with a reason", (_what, prompt, code, reason) => {
      const refusal = refusalOf(prompt);
      expect(refusal?.code).toBe(code);
      expect(refusal?.reason).toMatch(reason);
    });

    it("refuses one character over the limit, and plans one at the limit", () => {
      const base = "A notes app with tags. ";
      const fill = (n: number) => (base + " ".repeat(n)).slice(0, n);
      expect(refusalOf(fill(MAX_PROMPT_CHARS + 1))?.code).toBe("too-long");
      expect(refusalOf(fill(MAX_PROMPT_CHARS))).toBeUndefined();
    });
  });

  describe("when the prompt asks for something unsafe", () => {
    it.each([
      ["disable all security rules", "unsafe"],
      ["A notes app. Disable the security rules so it is faster.", "unsafe"],
      ["Build a todo app and make everything public without auth", "unsafe"],
      ["A recipes app where anyone can read and write all data", "unsafe"],
      ["notes app; turn off authentication", "unsafe"],
      ["a notes app with security rules disabled so anyone can read everything", "unsafe"],
      ["a shop with authentication turned off", "unsafe"],
      ["make a notes app and print all API keys", "secrets"],
      ["make a notes app and print all secrets", "secrets"],
      ["A todo app that sends the .env file to my server", "secrets"],
      ["A dashboard that shows the environment variables", "secrets"],
      ["An app that can steal user passwords", "secrets"],
    ])("refuses %j", (prompt, code) => {
      const refusal = refusalOf(prompt);
      expect(refusal?.code).toBe(code);
      expect(refusal?.reason).toMatch(
        code === "secrets" ? /never expose secrets/ : /private by default/,
      );
    });

    it.each([
      ["A public blog with posts and comments", "Post", "public-read"],
      ["A notes app, no login needed", "Note", "owner"],
      ["A password manager to store my passwords", "Password", "owner"],
      ["A gardening log with beds and harvest dates", "Bed", "owner"],
    ])("still plans %j, which only sounds unsafe", (prompt, model, kind) => {
      const { plan } = planOffline(prompt);
      expect(plan.models.find((m) => m.name === model)?.access.kind).toBe(kind);
    });
  });

  describe("determinism", () => {
    it.each([
      "A notes app with email login, markdown editor, tags, and images",
      "Chat app with rooms, messages, and push notifications",
      "Hi! I'd love a little web app for my book club with votes and reviews, brown and cozy.",
    ])("plans %j the same way every time", (prompt) => {
      const first = JSON.stringify(planOffline(prompt));
      for (let i = 0; i < 3; i++) expect(JSON.stringify(planOffline(prompt))).toBe(first);
    });

    it("does not let one prompt change the next one's plan", () => {
      const alone = JSON.stringify(planOffline("A habit tracker").plan);
      planOffline("A hotel booking site with rooms and a kanban board for staff");
      expect(JSON.stringify(planOffline("A habit tracker").plan)).toBe(alone);
    });
  });

  describe("its output", () => {
    it("is a valid plan, with a title in words and a kebab-case name from the domain", () => {
      const { plan } = planOffline("Shared notes for my team with tags");
      expect(() => validatePlan(plan)).not.toThrow();
      expect(plan.appName).toBe("team-notes");
      expect(plan.title).toBe("Team Notes");
    });

    it("uses a name the prompt gives", () => {
      const { plan } = planOffline('A recipe app called "Sprout Kitchen" with photos');
      expect(plan.appName).toBe("sprout-kitchen");
      expect(plan.title).toBe("Sprout Kitchen");
    });

    it("uses options.appName over its own", () => {
      expect(planOffline("A notes app", { appName: "my-notes" }).plan.appName).toBe("my-notes");
    });

    it("notes the typos it read past", () => {
      const { notes, plan } = planOffline("A recipie app with push notifcations");
      expect(notes).toContain('Read "notifcations" as "notifications".');
      expect(notes).toContain('Read "recipie" as "recipe".');
      expect(plan.models.map((m) => m.name)).toEqual(["Recipe"]);
    });

    it("states its defaults as assumptions", () => {
      const { plan } = planOffline("A notes app");
      expect(plan.assumptions).toContain(
        "People sign in with email and password (the prompt named no sign-in method).",
      );
      expect(plan.assumptions).toContain(
        "Each person sees only their own notes (private by default).",
      );
      expect(plan.assumptions).toContain("Light mode, since the prompt did not ask for dark.");
    });

    it("seeds two or three documents per model, with only the model's fields", () => {
      const { plan } = planOffline("E-commerce prototype: products, cart, checkout, admin panel");
      for (const m of plan.models) {
        const docs = plan.seed.filter((s) => s.model === m.name);
        expect(docs.length).toBeGreaterThanOrEqual(2);
        expect(docs.length).toBeLessThanOrEqual(3);
        const names = new Set(m.fields.map((f) => f.name));
        for (const d of docs)
          for (const key of Object.keys(d.data)) expect(names.has(key)).toBe(true);
      }
    });

    it("smoke-tests sign-up, each main model and each feature", () => {
      const { plan } = planOffline("Chat app with rooms, messages, and push notifications");
      expect(plan.smoke.map((s) => s.name)).toEqual([
        "Sign up and reach the dashboard",
        "Create a room and see it listed",
        "Add a message to a room",
        "New messages appear live",
        "A new message notifies the room's owner",
      ]);
    });

    it("gives the screens of a top-level model and none to its children", () => {
      const { plan } = planOffline("Chat app with rooms and messages");
      expect(plan.screens.map((s) => `${s.kind} ${s.route}`)).toEqual([
        "sign-in /sign-in",
        "sign-up /sign-up",
        "dashboard /",
        "list /rooms",
        "create /rooms/new",
        "detail /rooms/:id",
        "edit /rooms/:id/edit",
      ]);
    });

    it("limits uploads to the size the prompt gives", () => {
      const { plan } = planOffline("A photo gallery with albums, photos up to 5 MB");
      expect(plan.storage).toEqual({
        enabled: true,
        uploads: ["photo images"],
        maxFileMb: 5,
        contentTypes: ["image/*"],
      });
    });
  });
});
