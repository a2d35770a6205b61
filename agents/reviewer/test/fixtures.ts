import { readFileSync } from "node:fs";
import { generateApp } from "@winky/coder";
import { AppPlan, planOffline } from "@winky/planner";

/**
 * The coder's hand-written fixture plans (notes, shop, chat, events), read from its
 * `test/fixtures/` and parsed by the planner's schema, so the review is tested on the apps the
 * coder's own tests build.
 */
export const FIXTURES = ["notes", "shop", "chat", "events"] as const;
export type FixtureName = (typeof FIXTURES)[number];

export function loadFixture(name: FixtureName): AppPlan {
  const url = new URL(`../../coder/test/fixtures/${name}.json`, import.meta.url);
  return AppPlan.parse(JSON.parse(readFileSync(url, "utf8")));
}

/** Prompts whose offline plans the review must pass as generated. */
export const PROMPTS = [
  "A habit tracker",
  "Shared notes for my team with tags",
  "E-commerce prototype: products, cart, checkout, admin panel",
  "Chat app with rooms, messages, and push notifications",
  "A photo gallery with albums, photos up to 5 MB",
  "A recipe app with comments and ratings",
] as const;

export function offlinePlan(prompt: string): AppPlan {
  return planOffline(prompt).plan;
}

/** A fixture's plan and a fresh, mutable copy of its generated files. */
export function appOf(plan: AppPlan): { plan: AppPlan; files: Record<string, string> } {
  return { plan, files: { ...generateApp(plan).files } };
}

/** Replaces exactly one occurrence of `from` in `files[path]`; throws when it is not there once. */
export function edit(files: Record<string, string>, path: string, from: string, to: string): void {
  const text = files[path];
  if (text === undefined) throw new Error(`no file ${path}`);
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0)
    throw new Error(`${path}: expected exactly one ${JSON.stringify(from)}`);
  files[path] = text.slice(0, at) + to + text.slice(at + from.length);
}
