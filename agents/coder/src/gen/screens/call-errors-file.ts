import type { AppModel } from "../../analyze.js";
import { lines } from "../../naming.js";

/**
 * The codes a function refuses with on purpose, as the runtime passes them on (its
 * `REFUSAL_CODES`): their message is the function's own sentence for the person.
 */
const REFUSAL_CODES = [
  "invalid-argument",
  "failed-precondition",
  "out-of-range",
  "unauthenticated",
  "permission-denied",
  "not-found",
  "already-exists",
  "resource-exhausted",
  "cancelled",
  "aborted",
  "unavailable",
  "unimplemented",
  "deadline-exceeded",
];

/** Whether a screen of the app calls a callable function (and so shows its refusals). */
export function callsFunctions(app: AppModel): boolean {
  return app.functions.some(
    (f) =>
      f.recipe.kind === "callable" ||
      f.recipe.kind === "checkout" ||
      (f.recipe.kind === "setRole" && app.admin !== undefined),
  );
}

/** `src/lib/call-errors.ts`: the sentence a screen shows when a function call fails. */
export function callErrorsFile(): string {
  return lines(
    `import { isWinkyError } from "@winky/sdk";`,
    `import { describeError } from "./errors";`,
    "",
    `// A function's deliberate refusal ("permission-denied: Only admins can change roles.") reaches`,
    `// the app with its code and message; the functions write that message for the person.`,
    `const REFUSALS: ReadonlySet<string> = new Set(${JSON.stringify(REFUSAL_CODES)});`,
    "",
    `/**`,
    ` * A sentence for a person from a failed \`functions.call\`: a function's refusal in its own words,`,
    ` * anything else (a crash, the network, an expired session) as any other error.`,
    ` */`,
    `export function describeCallError(e: unknown): string {`,
    `  if (!isWinkyError(e) || !REFUSALS.has(e.code) || !e.message) return describeError(e);`,
    `  // The runtime's own refusal of the session (an expired token) names its reason.`,
    `  if (e.code === "unauthenticated" && typeof e.details?.reason === "string") return describeError(e);`,
    `  return e.message;`,
    `}`,
    "",
  );
}

/** `src/lib/call-errors.test.ts`: refusals read as the function wrote them, failures do not. */
export function callErrorsTestFile(): string {
  return lines(
    `import { WinkyError } from "@winky/sdk";`,
    `import { describe, expect, it } from "vitest";`,
    `import { describeCallError } from "./call-errors";`,
    `import { describeError } from "./errors";`,
    "",
    `describe("describeCallError", () => {`,
    `  it("shows a function's refusal in its own words", () => {`,
    `    const refusal = new WinkyError("permission-denied", "Only admins can change roles.", { status: 403 });`,
    `    expect(describeCallError(refusal)).toBe("Only admins can change roles.");`,
    `    const invalid = new WinkyError("invalid-argument", "Choose 1 to 100 items.", { details: { field: "itemIds" } });`,
    `    expect(describeCallError(invalid)).toBe("Choose 1 to 100 items.");`,
    `  });`,
    "",
    `  it("shows anything else as any other error, never a crash's message", () => {`,
    `    const crash = new WinkyError("internal", "function 'checkout' failed", { status: 500 });`,
    `    expect(describeCallError(crash)).toBe(describeError(crash));`,
    `    const expired = new WinkyError("unauthenticated", "token expired", { details: { reason: "token-expired" } });`,
    `    expect(describeCallError(expired)).toBe(describeError(expired));`,
    `    expect(describeCallError(new Error("offline"))).toBe("offline");`,
    `  });`,
    `});`,
    "",
  );
}
