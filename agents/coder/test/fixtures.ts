import { readFileSync } from "node:fs";
import { AppPlan } from "@winky/planner";

/**
 * The hand-written plans the tests generate apps from: notes (email sign-in, markdown, tags,
 * images), shop (cart, checkout callable, admin role granted by setUserRole), chat (rooms →
 * messages subcollection, realtime, a notification trigger), and events (every other field type
 * and function kind).
 */
export const FIXTURES = ["notes", "shop", "chat", "events"] as const;
export type FixtureName = (typeof FIXTURES)[number];

/** A fixture plan, parsed by the planner's schema (so a schema change that breaks it shows). */
export function loadFixture(name: FixtureName): AppPlan {
  const text = readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8");
  return AppPlan.parse(JSON.parse(text));
}
