import { describe, expect, it } from "vitest";
import { loadFixture, FIXTURES } from "../../test/fixtures.js";
import { generateApp } from "../index.js";

/** The codes the runtime passes to a callable's caller (its REFUSAL_CODES). */
const REFUSAL =
  /^(invalid-argument|failed-precondition|out-of-range|unauthenticated|permission-denied|not-found|already-exists|resource-exhausted|cancelled|aborted|unavailable|unimplemented|deadline-exceeded): [A-Z]/;

const apps = FIXTURES.map((name) => [name, generateApp(loadFixture(name)).files] as const);

describe("a generated function's refusals", () => {
  it.each(apps)(
    "are '<code>: <sentence>' with a code the runtime passes on (%s)",
    (_name, files) => {
      const sources = Object.entries(files).filter(
        ([path]) => path.startsWith("functions/") && !path.endsWith(".test.ts"),
      );
      for (const [path, text] of sources) {
        const thrown = [...text.matchAll(/throw new Error\((["`])(.*?)\1\)/g)].map((m) => m[2]!);
        for (const message of thrown) {
          expect(message, path).toMatch(REFUSAL);
          expect(message, path).toMatch(/[.!?]$/);
        }
      }
    },
  );

  it("reach the shop's people in the functions' own words: checkout and the roles form", () => {
    const files = apps.find(([name]) => name === "shop")![1];
    expect(files["functions/setUserRole.ts"]).toContain(
      "permission-denied: Only ${MANAGER_ROLE}s can change roles.",
    );
    const checkout = Object.entries(files).find(([p]) => p.endsWith("/checkout-button.tsx"))!;
    expect(checkout[1]).toContain("describeCallError(e)");
    expect(files[checkout[0].replace(".tsx", ".test.tsx")]).toContain("shows why the");
    const admin = files["src/screens/admin-page.tsx"]!;
    expect(admin).toContain("<RolesForm />");
    expect(admin).toMatch(/winky users roles <email> --grant admin --project \S+;/);
    expect(files["src/screens/roles-form.tsx"]).toContain(`functions.call<`);
    expect(files["src/screens/roles-form.tsx"]).toContain("describeCallError(e)");
    expect(files["src/screens/roles-form.test.tsx"]).toContain("Only admins can change roles.");
    expect(files["src/lib/call-errors.ts"]).toContain("export function describeCallError");
  });

  it("leave apps that call no function without the call helper", () => {
    const notes = apps.find(([name]) => name === "notes")![1];
    expect(Object.keys(notes).some((p) => p.includes("call-errors"))).toBe(false);
    expect(notes["src/screens/roles-form.tsx"]).toBeUndefined();
  });
});

describe("the README of an app with roles", () => {
  it("says how to make the first admin, with the app's project id", () => {
    const files = generateApp(loadFixture("shop"), { project: "corner-shop-dev" }).files;
    expect(files["README.md"]).toContain(
      "WINKY_ADMIN_KEY=$WINKY_SERVICE_KEY winky users roles you@example.com --grant admin --project corner-shop-dev",
    );
    expect(files["README.md"]).not.toContain("runtime console");
    const notes = apps.find(([name]) => name === "notes")![1];
    expect(notes["README.md"]).not.toContain("winky users roles");
  });
});
