import { readFileSync } from "node:fs";
import { planOffline, type AppPlan } from "@winky/planner";
import { describe, expect, it } from "vitest";
import { loadFixture } from "../../test/fixtures.js";
import { generateApp } from "../index.js";

/** The planner's acceptance prompts (notes, shop, chat), as its own tests read them. */
const ACCEPTANCE = JSON.parse(
  readFileSync(new URL("../../../planner/test/prompts/acceptance.json", import.meta.url), "utf8"),
) as Array<{ id: string; prompt: string }>;

const SHOP = "E-commerce prototype: products, cart, checkout, admin panel";
const FORUM =
  "A discussion forum with categories, threads and replies. Moderators can delete posts. Email notifications for replies.";

const filesOf = (plan: AppPlan) => generateApp(plan).files;

describe("the setUserRole callable", () => {
  it("is a real implementation for the shop the planner plans, with its unit tests", () => {
    const { plan } = planOffline(SHOP);
    expect(plan.auth.roles).toEqual(["admin"]);
    const files = filesOf(plan);
    const source = files["functions/setUserRole.ts"]!;
    expect(source).toContain(`export const ROLES: readonly string[] = ["admin"];`);
    expect(source).toContain("context.users.setCustomClaims(user.uid");
    expect(source).toContain("permission-denied: Only ${MANAGER_ROLE}s can change roles.");
    expect(source).not.toContain("scaffold");
    expect(source).toMatch(/winky users roles <email> --grant admin --project \S+/);
    const test = files["functions/setUserRole.test.ts"]!;
    for (const name of ["refuses a caller who is not an admin", "grants a role", "removes a role"])
      expect(test).toContain(name);
    expect(test).toContain("refuses to remove the caller's own admin role");
  });

  it("grants only the plan's roles, and leaves admin to the operator when it has none", () => {
    const { plan } = planOffline(FORUM);
    expect(plan.auth.roles).toEqual(["moderator"]);
    const files = filesOf(plan);
    expect(files["functions/setUserRole.ts"]).toContain(
      `export const ROLES: readonly string[] = ["moderator"];`,
    );
    expect(files["functions/setUserRole.test.ts"]).toContain(
      "cannot remove anyone's admin role, its own included",
    );
  });

  it("stays a callable scaffold in an app without roles (nothing would read them)", () => {
    const plan = structuredClone(loadFixture("notes"));
    plan.functions.push({
      name: "setUserRole",
      purpose: "Lets an admin grant or remove a role as a custom claim.",
      trigger: { kind: "callable" },
    });
    const files = filesOf(plan);
    expect(files["functions/setUserRole.ts"]).toContain("A callable scaffold");
    expect(files["functions/setUserRole.test.ts"]).toBeUndefined();
  });

  it("gives every function's Context the users member", () => {
    const files = filesOf(loadFixture("chat"));
    const sources = Object.entries(files).filter(
      ([path]) => path.startsWith("functions/") && !path.endsWith(".test.ts"),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const [path, text] of sources) {
      expect(text, path).toContain("setCustomClaims(uid: string, claims:");
    }
  });
});

describe("generating the planner's acceptance apps", () => {
  it.each(ACCEPTANCE.map((a) => [a.id, a.prompt] as const))(
    "writes every function the plan of the %s prompt declares",
    (_id, prompt) => {
      const { plan } = planOffline(prompt);
      const files = filesOf(plan);
      for (const fn of plan.functions) expect(files[`functions/${fn.name}.ts`]).toBeDefined();
    },
  );
});
