import { describe, expect, it } from "vitest";
import { validatePlan } from "../validate-plan.js";
import { ENTITY_SPECS } from "./lexicon/index.js";
import { planOffline } from "./plan-offline.js";
import { isPlannerRefusal } from "./refusal.js";
import { plural } from "./words.js";

/**
 * Prompts made from the lexicon and feature words in many combinations: whatever the planner
 * makes of them, it is a valid plan (or a refusal), never an internal inconsistency.
 */
const FEATURES = [
  "tags",
  "search",
  "comments",
  "likes",
  "ratings",
  "photos",
  "file uploads",
  "push notifications",
  "a daily digest",
  "checkout",
  "an admin panel",
  "live updates",
  "markdown",
  "a map location",
  "due dates",
];
const SHAPES = [
  (a: string, b: string, f: string) => `An app with ${a}, ${b} and ${f}.`,
  (a: string, b: string, f: string) => `${a} have ${b}; add ${f}. Dark mode, teal.`,
  (a: string, b: string, f: string) =>
    `Build me a shared ${a} tracker for my team: ${b} with a title, date and ${f}`,
  (a: string, b: string, f: string) => `- ${a}\n- ${b} inside ${a}\n- ${f}\n- sign in with Google`,
  (a: string, b: string, f: string) =>
    `public ${a} (anyone can browse) and private ${b}, only admins can edit ${a}, ${f}!!`,
];

const words = ENTITY_SPECS.flatMap((s) => s.words.slice(0, 1)).map((w) => plural(w));
const prompts = words.map((w, i) =>
  SHAPES[i % SHAPES.length]!(w, words[(i * 7 + 3) % words.length]!, FEATURES[i % FEATURES.length]!),
);

describe("the offline planner on generated prompts", () => {
  it.each(prompts)("plans %j validly", (prompt) => {
    try {
      const { plan } = planOffline(prompt);
      expect(() => validatePlan(plan)).not.toThrow();
    } catch (e) {
      expect(isPlannerRefusal(e), String(e)).toBe(true);
    }
  });

  it("keeps a prompt naming many models to twelve, and says what it left out", () => {
    const { plan, notes } = planOffline(`An app with ${words.slice(0, 30).join(", ")}.`);
    expect(plan.models.length).toBe(12);
    expect(notes.some((n) => n.startsWith("Kept 12 models"))).toBe(true);
  });

  it("copes with a long prompt just under the limit", () => {
    const long = "A notes app with tags. Users share notes with their team. ".repeat(340);
    expect(long.length).toBeLessThan(20_000);
    expect(planOffline(long).plan.models.map((m) => m.name)).toEqual(["Note"]);
  });
});
